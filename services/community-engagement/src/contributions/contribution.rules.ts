import {
  type ActionArea,
  type ContributionHiddenData,
  type ContributionReceivedData,
  type ContributorDemographics,
  type CountryCode,
  EVENT_TYPES,
  type RemovalData,
} from '@naperj/contracts';
import { assertTakesContributions, type Consultation } from '../consultations/consultation.lifecycle';
import type { ContributionContact, CreateContributionRequest } from './contribution.dto';

export type ContributionStatus = 'received' | 'hidden';
export type ContributionSource = 'liaison' | 'public';

/** A contribution as the node keeps it, before its personal fields are sealed. */
export interface NewContribution {
  id: string;
  consultationId: string;
  version: 1;
  status: 'received';
  themes: string[];
  actionAreas: ActionArea[];
  consent: { store: boolean; shareAnonymized: boolean; wordingVersion: string; givenAt: string };
  source: ContributionSource;
  /** The liaison who entered it for a participant. */
  enteredBy?: string;
  receivedAt: string;
  /** When the testimony is erased at the latest; absent when nothing personal is kept. */
  eraseAfter?: string;
  /** Only with consent to store it. */
  testimony?: { text: string; language: string; demographics?: ContributorDemographics; contact?: ContributionContact };
}

/** What the contribution's current state is, as commands decide on it. */
export interface ContributionState {
  id: string;
  country: CountryCode;
  consultationId: string;
  version: number;
  status: ContributionStatus;
}

/** Not allowed in the contribution's current status (409). */
export class IllegalContributionTransitionError extends Error {
  constructor(
    readonly currentStatus: ContributionStatus,
    detail: string,
  ) {
    super(detail);
  }
}

/** No contribution with this id here, or a receipt code that does not match it (404: the two look alike). */
export class ContributionNotFoundError extends Error {
  constructor(id: string) {
    super(`No contribution ${id} here for this receipt code or caller`);
  }
}

/** Themes or action areas the consultation does not offer (400), each with its JSON pointer. */
export class InvalidContributionError extends Error {
  constructor(readonly problems: { pointer: string; detail: string }[]) {
    super(problems.map(({ detail }) => detail).join('; '));
  }
}

const DAY_MS = 86_400_000;

/**
 * A contribution to an open consultation, tagged with its themes and action areas (all of the
 * consultation's when none are named). Without consent to store it, only the tags and the
 * consent are kept: the text, language, demographics and contact are dropped here.
 */
export function receiveContribution(
  consultation: Consultation,
  request: CreateContributionRequest,
  { id, now, retentionDays, source, enteredBy }: { id: string; now: string; retentionDays: number; source: ContributionSource; enteredBy?: string },
): { contribution: NewContribution; event: ContributionReceivedData } {
  assertTakesContributions(consultation, now);
  const offered = new Set(consultation.themes.map(({ key }) => key));
  const problems = request.themes.flatMap((theme, index) =>
    offered.has(theme) ? [] : [{ pointer: `/themes/${index}`, detail: `themes must be keys of the consultation's themes (${[...offered].join(', ')})` }],
  );
  const actionAreas = request.actionAreas ?? consultation.actionAreas;
  for (const [index, area] of actionAreas.entries()) {
    if (!consultation.actionAreas.includes(area)) {
      problems.push({ pointer: `/actionAreas/${index}`, detail: `actionAreas must be among the consultation's (${consultation.actionAreas.join(', ')})` });
    }
  }
  if (problems.length > 0) throw new InvalidContributionError(problems);
  const { store, shareAnonymized, wordingVersion } = request.consent;
  const contribution: NewContribution = {
    id,
    consultationId: consultation.id,
    version: 1,
    status: 'received',
    themes: request.themes,
    actionAreas,
    consent: { store, shareAnonymized, wordingVersion, givenAt: now },
    source,
    ...(enteredBy ? { enteredBy } : {}),
    receivedAt: now,
    ...(store
      ? {
          eraseAfter: new Date(Date.parse(now) + retentionDays * DAY_MS).toISOString(),
          testimony: {
            text: request.text,
            language: request.language,
            ...(request.demographics ? { demographics: request.demographics } : {}),
            ...(request.contact ? { contact: request.contact } : {}),
          },
        }
      : {}),
  };
  const event: ContributionReceivedData = {
    id,
    country: consultation.country,
    version: 1,
    consultationId: consultation.id,
    themes: request.themes,
    actionAreas,
    consent: { store, shareAnonymized },
    receivedAt: now,
  };
  return { contribution, event };
}

/** Moderation takes a contribution out of listings' default and out of insights; it is not erased. */
export function hideContribution(state: ContributionState, now: string): { status: 'hidden'; version: number; event: ContributionHiddenData } {
  if (state.status === 'hidden') throw new IllegalContributionTransitionError('hidden', 'The contribution is already hidden');
  const version = state.version + 1;
  return { status: 'hidden', version, event: { id: state.id, country: state.country, version, consultationId: state.consultationId, hiddenAt: now } };
}

/** The erasure's event: it names the contribution and repeats nothing of it. */
export function eraseContribution(state: ContributionState, reason: string): RemovalData {
  return { id: state.id, country: state.country, version: state.version + 1, reason };
}

export const CONTRIBUTION_EVENT_TYPES = {
  received: EVENT_TYPES.contributionReceived,
  hidden: EVENT_TYPES.contributionHidden,
  erased: EVENT_TYPES.contributionErased,
} as const;
