import { type CountryCode, EVENT_TYPES, type ExpertConsent, type ExpertData } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import type { ConsentRequest, ExpertFields } from './expert-requests.dto';

/** An own expert as its events left it. */
export interface Expert {
  data: ExpertData;
  /** Withdrawn: the profile is gone from the directory and the partners; its events stay. */
  withdrawn: boolean;
}

export type ExpertEventType = (typeof EVENT_TYPES)['expertRegistered' | 'expertUpdated' | 'expertWithdrawn'];

/** What a use case did to an expert: its new state, the event that records it, and whether partners held the profile before. */
export interface ExpertChange {
  type: ExpertEventType;
  /** For a withdrawal, the last profile at the withdrawal's version: what the deliveries name. */
  state: ExpertData;
  wasShared: boolean;
}

/** The profile's fields, as a change records them: the contact itself is kept apart, only whether there is one. */
export type ProfileFields = Omit<ExpertFields, 'contact' | 'consent'> & { consent: ConsentRequest; hasContact: boolean };

/** The caller may not take the action on this expert (403). */
export class ActionForbiddenError extends Error {}

/** No expert with this id here (404). */
export class ExpertNotFoundError extends Error {
  constructor(id: string) {
    super(`No expert ${id} here`);
  }
}

/** The change conflicts with the expert's state: withdrawn already, or the account has a profile (409). */
export class ExpertConflictError extends Error {
  constructor(
    detail: string,
    readonly expertId?: string,
  ) {
    super(detail);
  }
}

/** The expert themself, or the node's liaison or admin. */
export function mayManage(expert: Pick<ExpertData, 'userId'>, caller: Principal): boolean {
  return caller.sub === expert.userId || isManager(caller);
}

export function isManager(caller: Principal): boolean {
  return caller.roles.includes('liaison') || caller.roles.includes('admin');
}

/**
 * A new profile. Without `userId` the caller registers themself, in their agency; another
 * account, or another agency, is named only by a liaison or an admin.
 */
export function registerExpert(
  id: string,
  country: CountryCode,
  { userId, agency, ...fields }: ProfileFields & { userId?: string; agency?: string },
  registrant: Principal,
  now: string,
): ExpertChange {
  const account = userId ?? registrant.sub;
  if (account !== registrant.sub && !isManager(registrant)) throw new ActionForbiddenError('Only a liaison or an admin registers another person');
  if (agency !== undefined && agency !== registrant.agency && !isManager(registrant)) {
    throw new ActionForbiddenError('Only a liaison or an admin registers an expert of another agency');
  }
  const { consent, ...profile } = fields;
  return {
    type: EVENT_TYPES.expertRegistered,
    wasShared: false,
    state: {
      ...profile,
      id,
      country,
      version: 1,
      userId: account,
      agency: agency ?? registrant.agency,
      consent: stamped(consent, now),
      reviews: consent.review,
      createdAt: now,
      updatedAt: now,
    },
  };
}

/** The profile with its fields replaced by `fields` (already merged and checked whole); a changed consent is stamped anew. */
export function reviseExpert(expert: Expert, { consent, ...profile }: ProfileFields, editor: Principal, now: string): ExpertChange {
  assertMayChange(expert, editor);
  const { id, country, version, userId, agency, createdAt } = expert.data;
  const unchanged = sameConsent(expert.data.consent, consent);
  return {
    type: EVENT_TYPES.expertUpdated,
    wasShared: expert.data.consent.shareProfile,
    state: {
      ...profile,
      id,
      country,
      version: version + 1,
      userId,
      agency,
      consent: unchanged ? expert.data.consent : stamped(consent, now),
      reviews: consent.review,
      createdAt,
      updatedAt: now,
    },
  };
}

/** The expert, or the node's liaison or admin, withdraws the profile: partners erase their copies. */
export function withdrawExpert(expert: Expert, withdrawer: Principal, now: string): ExpertChange {
  assertMayChange(expert, withdrawer);
  return {
    type: EVENT_TYPES.expertWithdrawn,
    wasShared: expert.data.consent.shareProfile,
    state: { ...expert.data, version: expert.data.version + 1, updatedAt: now },
  };
}

function assertMayChange(expert: Expert, caller: Principal): void {
  if (!mayManage(expert.data, caller)) throw new ActionForbiddenError('Only the expert, or a liaison or an admin of the node, changes this profile');
  if (expert.withdrawn) throw new ExpertConflictError(`Expert ${expert.data.id} has withdrawn`);
}

function sameConsent(held: ExpertConsent, requested: ConsentRequest): boolean {
  return (
    held.shareProfile === requested.shareProfile &&
    held.contactable === requested.contactable &&
    held.review === requested.review &&
    held.wordingVersion === requested.wordingVersion
  );
}

function stamped({ shareProfile, contactable, review, wordingVersion }: ConsentRequest, givenAt: string): ExpertConsent {
  return { shareProfile, contactable, review, wordingVersion, givenAt };
}
