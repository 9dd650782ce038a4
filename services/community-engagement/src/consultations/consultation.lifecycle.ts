import { type ConsultationData, type ConsultationStatus, type CountryCode, EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';

/** A consultation's whole state: the view its events carry. */
export type Consultation = ConsultationData;

export type ConsultationEventType = (typeof EVENT_TYPES)['consultationScheduled' | 'consultationOpened' | 'consultationClosed'];

/** What a use case did to a consultation: its new state and the event that records it. */
export interface ConsultationChange {
  state: Consultation;
  type: ConsultationEventType;
}

/** What the organisers write; the rest is the node's. */
export type ConsultationFields = Pick<
  Consultation,
  'title' | 'description' | 'originalLanguage' | 'actionAreas' | 'themes' | 'communities' | 'closesAt' | 'exchangeId' | 'exchangeCountry'
> & { opensAt?: string };

/** Not allowed in the consultation's current status (409). */
export class IllegalConsultationTransitionError extends Error {
  constructor(
    readonly currentStatus: ConsultationStatus,
    detail: string,
  ) {
    super(detail);
  }
}

/** The caller may not act on this consultation (403). */
export class ConsultationForbiddenError extends Error {}

/** No consultation with this id on this node (404). */
export class ConsultationNotFoundError extends Error {
  constructor(id: string) {
    super(`No consultation ${id} here`);
  }
}

/** Fields that contradict each other, each with its JSON pointer (400). */
export class InvalidConsultationError extends Error {
  constructor(readonly problems: { pointer: string; detail: string }[]) {
    super(problems.map(({ detail }) => detail).join('; '));
  }
}

/**
 * A new consultation of the caller's agency: `open` at once when its `opensAt` is not in the
 * future (or absent), else `scheduled` until then.
 */
export function createConsultation(id: string, country: CountryCode, fields: ConsultationFields, author: Principal, now: string): ConsultationChange {
  const opensAt = fields.opensAt ?? now;
  assertConsistent({ ...fields, opensAt }, now);
  const opensNow = opensAt <= now;
  return {
    type: opensNow ? EVENT_TYPES.consultationOpened : EVENT_TYPES.consultationScheduled,
    state: {
      ...fields,
      id,
      country,
      version: 1,
      status: opensNow ? 'open' : 'scheduled',
      agency: author.agency,
      opensAt,
      createdAt: now,
      ...(opensNow ? { openedAt: now } : {}),
    },
  };
}

/** A scheduled consultation whose `opensAt` has come. */
export function openConsultation(consultation: Consultation, now: string): ConsultationChange {
  if (consultation.status !== 'scheduled')
    throw new IllegalConsultationTransitionError(consultation.status, `A consultation that is ${consultation.status} cannot be opened`);
  if (consultation.opensAt > now) throw new IllegalConsultationTransitionError(consultation.status, `The consultation opens at ${consultation.opensAt}`);
  return next(consultation, EVENT_TYPES.consultationOpened, { status: 'open', openedAt: now });
}

/** Closed by hand, by a liaison of the organising agency or an admin; a scheduled one is cancelled so. */
export function closeConsultation(consultation: Consultation, closer: Principal, now: string): ConsultationChange {
  if (!closer.roles.includes('admin') && !(closer.roles.includes('liaison') && closer.agency === consultation.agency)) {
    throw new ConsultationForbiddenError(`Only a liaison of ${consultation.agency} or an admin may close this consultation`);
  }
  return close(consultation, now);
}

/** An open consultation whose `closesAt` has come. */
export function closeConsultationByDate(consultation: Consultation, now: string): ConsultationChange {
  if (consultation.status !== 'open' || consultation.closesAt === undefined || consultation.closesAt > now) {
    throw new IllegalConsultationTransitionError(consultation.status, `The consultation is not due to close at ${now}`);
  }
  return close(consultation, now);
}

/**
 * The status that decides whether a contribution is taken: the recorded one, except that a
 * consultation past its `closesAt` takes none even before the schedule records its closing,
 * and one past its `opensAt` takes them even before the schedule records its opening.
 */
export function effectiveStatus(consultation: Pick<Consultation, 'status' | 'opensAt' | 'closesAt'>, now: string): ConsultationStatus {
  if (consultation.status === 'closed' || (consultation.closesAt !== undefined && consultation.closesAt <= now)) return 'closed';
  if (consultation.status === 'open' || consultation.opensAt <= now) return 'open';
  return 'scheduled';
}

/** Refuses (409) a contribution to a consultation that is not open. */
export function assertTakesContributions(consultation: Consultation, now: string): void {
  const status = effectiveStatus(consultation, now);
  if (status === 'closed') throw new IllegalConsultationTransitionError(status, 'The consultation is closed and takes no more contributions');
  if (status === 'scheduled') throw new IllegalConsultationTransitionError(status, `The consultation opens at ${consultation.opensAt}`);
}

function close(consultation: Consultation, now: string): ConsultationChange {
  if (consultation.status === 'closed') throw new IllegalConsultationTransitionError('closed', 'The consultation is already closed');
  return next(consultation, EVENT_TYPES.consultationClosed, { status: 'closed', closedAt: now });
}

function next(consultation: Consultation, type: ConsultationEventType, changes: Partial<Consultation>): ConsultationChange {
  return { type, state: { ...consultation, ...changes, version: consultation.version + 1 } };
}

function assertConsistent({ opensAt, closesAt, exchangeId, exchangeCountry }: ConsultationFields & { opensAt: string }, now: string): void {
  const problems: { pointer: string; detail: string }[] = [];
  if (closesAt !== undefined && closesAt <= now) problems.push({ pointer: '/closesAt', detail: 'closesAt must be in the future' });
  if (closesAt !== undefined && closesAt <= opensAt) problems.push({ pointer: '/closesAt', detail: 'closesAt must be after opensAt' });
  if ((exchangeId === undefined) !== (exchangeCountry === undefined)) {
    problems.push({ pointer: exchangeId === undefined ? '/exchangeId' : '/exchangeCountry', detail: 'exchangeId and exchangeCountry go together' });
  }
  if (problems.length > 0) throw new InvalidConsultationError(problems);
}
