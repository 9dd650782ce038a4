import type { DataClassification, SharingLevel } from '../domain/vocabularies';
import type { ServiceName } from '../service/service-name';
import type { SharedStream } from '../topics/topic-names';
import { ContributionHiddenData, ContributionReceivedData } from './contribution.events';
import { ConsultationData } from './consultation.events';
import { type EventData, RemovalData } from './event-data';
import { EVENT_TYPES, type EventEntity, type EventType } from './event-types';
import { ExchangeData, ExchangeResponseData, SharedExchangeData, SharedExchangeResponseData } from './exchange.events';
import { ExpertData, SharedExpertData } from './expert.events';
import { InsightData } from './insight.events';
import { NodeHeartbeatData } from './node.events';
import { ReviewAssignmentData } from './review.events';
import { SharedSubmissionData, SubmissionData } from './submission.events';

/** `private`: `<cc>.<service>.events.v1`, never replicated. `shared`: `<cc>.shared.<stream>.v1`. */
export const EVENT_VISIBILITIES = ['private', 'shared'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

export type PayloadClass = new () => EventData;

export type PrivateClassification = Extract<DataClassification, 'internal' | 'restricted'>;
export type SharedClassification = Extract<DataClassification, 'confidential' | 'public'>;
/** `public` when the submission's `sharing` is `public`, else `confidential`. */
export const BY_SHARING_LEVEL = 'by-sharing-level';

export interface EventCatalogueEntry {
  readonly type: EventType;
  readonly entity: EventEntity;
  /** The service that emits it: its `ce_source` and, when private, its events topic. */
  readonly service: ServiceName;
  /** The full internal view; absent when the type is never written to a private topic. */
  readonly privatePayload?: PayloadClass;
  /** The shareable view and the stream it crosses borders on. */
  readonly shared?: { readonly stream: SharedStream; readonly payload: PayloadClass };
  /**
   * The entity is withdrawn or erased: a tombstone (same key, null value) follows the
   * event on its compacted shared topic, removing the data from every peer's copy.
   */
  readonly tombstone: boolean;
  /**
   * The data names a partner's entity by its `id` and `country`, not one of the emitting
   * node's own: an erasure receipt names the profile the emitter erased its copy of.
   */
  readonly namesPartnerEntity?: true;
  /** `ce_dataclassification` per visibility. */
  readonly classification: {
    readonly private?: PrivateClassification;
    readonly shared?: SharedClassification | typeof BY_SHARING_LEVEL;
  };
}

const T = EVENT_TYPES;

const submission = { entity: 'submission', service: 'submissions' } as const;
const expert = { entity: 'expert', service: 'expert-network' } as const;
const exchange = { entity: 'exchange', service: 'expert-network' } as const;
const review = { entity: 'review', service: 'expert-network' } as const;
const consultation = { entity: 'consultation', service: 'community-engagement' } as const;
const contribution = { entity: 'contribution', service: 'community-engagement' } as const;
const insight = { entity: 'insight', service: 'community-engagement' } as const;
const node = { entity: 'node', service: 'reporting' } as const;

/**
 * Every event type: who emits it, its payload per visibility, where it crosses borders.
 * Private views that name accounts, reviewers, contact details or a person's
 * contribution are `restricted` (personal data); the others are `internal`.
 */
export const EVENT_CATALOGUE = {
  // Submissions: drafts and reviews stay home; published ones with sharing ≠ national are shared.
  [T.submissionDrafted]: {
    type: T.submissionDrafted,
    ...submission,
    privatePayload: SubmissionData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.submissionUpdated]: {
    type: T.submissionUpdated,
    ...submission,
    privatePayload: SubmissionData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.submissionSubmitted]: {
    type: T.submissionSubmitted,
    ...submission,
    privatePayload: SubmissionData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.submissionReviewed]: {
    type: T.submissionReviewed,
    ...submission,
    privatePayload: SubmissionData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.submissionChangesRequested]: {
    type: T.submissionChangesRequested,
    ...submission,
    privatePayload: SubmissionData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.submissionRejected]: {
    type: T.submissionRejected,
    ...submission,
    privatePayload: SubmissionData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.submissionPublished]: {
    type: T.submissionPublished,
    ...submission,
    privatePayload: SubmissionData,
    shared: { stream: 'submissions', payload: SharedSubmissionData },
    tombstone: false,
    classification: { private: 'restricted', shared: BY_SHARING_LEVEL },
  },
  [T.submissionWithdrawn]: {
    type: T.submissionWithdrawn,
    ...submission,
    privatePayload: RemovalData,
    shared: { stream: 'submissions', payload: RemovalData },
    tombstone: true,
    classification: { private: 'internal', shared: BY_SHARING_LEVEL },
  },

  // Experts: only consented profiles are shared; a peer confirms an erasure with a receipt.
  [T.expertRegistered]: {
    type: T.expertRegistered,
    ...expert,
    privatePayload: ExpertData,
    shared: { stream: 'experts', payload: SharedExpertData },
    tombstone: false,
    classification: { private: 'restricted', shared: 'confidential' },
  },
  [T.expertUpdated]: {
    type: T.expertUpdated,
    ...expert,
    privatePayload: ExpertData,
    shared: { stream: 'experts', payload: SharedExpertData },
    tombstone: false,
    classification: { private: 'restricted', shared: 'confidential' },
  },
  [T.expertWithdrawn]: {
    type: T.expertWithdrawn,
    ...expert,
    privatePayload: RemovalData,
    shared: { stream: 'experts', payload: RemovalData },
    tombstone: true,
    classification: { private: 'internal', shared: 'confidential' },
  },
  // The erasure receipt: `id`, `country` and `version` name the withdrawn profile and the
  // withdrawal applied; the erasing node is the signed `ce_source`.
  [T.expertErased]: {
    type: T.expertErased,
    ...expert,
    privatePayload: RemovalData,
    shared: { stream: 'experts', payload: RemovalData },
    tombstone: true,
    namesPartnerEntity: true,
    classification: { private: 'internal', shared: 'confidential' },
  },

  // Exchanges: requests and responses are seen by every partner.
  [T.exchangeRequested]: {
    type: T.exchangeRequested,
    ...exchange,
    privatePayload: ExchangeData,
    shared: { stream: 'exchanges', payload: SharedExchangeData },
    tombstone: false,
    classification: { private: 'restricted', shared: 'confidential' },
  },
  [T.exchangeResponded]: {
    type: T.exchangeResponded,
    ...exchange,
    privatePayload: ExchangeResponseData,
    shared: { stream: 'exchanges', payload: SharedExchangeResponseData },
    tombstone: false,
    classification: { private: 'restricted', shared: 'confidential' },
  },
  [T.exchangeClosed]: {
    type: T.exchangeClosed,
    ...exchange,
    privatePayload: ExchangeData,
    shared: { stream: 'exchanges', payload: SharedExchangeData },
    tombstone: false,
    classification: { private: 'restricted', shared: 'confidential' },
  },

  [T.reviewAssigned]: {
    type: T.reviewAssigned,
    ...review,
    privatePayload: ReviewAssignmentData,
    tombstone: false,
    classification: { private: 'restricted' },
  },

  [T.consultationScheduled]: {
    type: T.consultationScheduled,
    ...consultation,
    privatePayload: ConsultationData,
    tombstone: false,
    classification: { private: 'internal' },
  },
  [T.consultationOpened]: {
    type: T.consultationOpened,
    ...consultation,
    privatePayload: ConsultationData,
    tombstone: false,
    classification: { private: 'internal' },
  },
  [T.consultationClosed]: {
    type: T.consultationClosed,
    ...consultation,
    privatePayload: ConsultationData,
    tombstone: false,
    classification: { private: 'internal' },
  },

  // Contributions never cross a border, and their private topic is not compacted.
  [T.contributionReceived]: {
    type: T.contributionReceived,
    ...contribution,
    privatePayload: ContributionReceivedData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.contributionHidden]: {
    type: T.contributionHidden,
    ...contribution,
    privatePayload: ContributionHiddenData,
    tombstone: false,
    classification: { private: 'restricted' },
  },
  [T.contributionErased]: {
    type: T.contributionErased,
    ...contribution,
    privatePayload: RemovalData,
    tombstone: false,
    classification: { private: 'restricted' },
  },

  [T.insightPublished]: {
    type: T.insightPublished,
    ...insight,
    privatePayload: InsightData,
    shared: { stream: 'insights', payload: InsightData },
    tombstone: false,
    classification: { private: 'internal', shared: 'confidential' },
  },

  // Produced straight to the shared topic: a heartbeat is no state change, so no outbox.
  [T.nodeHeartbeat]: {
    type: T.nodeHeartbeat,
    ...node,
    shared: { stream: 'heartbeats', payload: NodeHeartbeatData },
    tombstone: false,
    classification: { shared: 'confidential' },
  },
} as const satisfies { readonly [K in EventType]: EventCatalogueEntry & { readonly type: K } };

type Catalogue = typeof EVENT_CATALOGUE;

// `T extends EventType ?` distributes over a union of types, e.g. a `ce_type` read at runtime.
export type PrivateEventData<T extends EventType> = T extends EventType
  ? Catalogue[T] extends { privatePayload: infer C extends PayloadClass }
    ? InstanceType<C>
    : never
  : never;

export type SharedEventData<T extends EventType> = T extends EventType
  ? Catalogue[T] extends { shared: { payload: infer C extends PayloadClass } }
    ? InstanceType<C>
    : never
  : never;

export type EventDataOf<T extends EventType, V extends EventVisibility> = V extends 'private' ? PrivateEventData<T> : SharedEventData<T>;

export function catalogueEntry(type: EventType): EventCatalogueEntry {
  return EVENT_CATALOGUE[type];
}

const entries: readonly EventCatalogueEntry[] = Object.values(EVENT_CATALOGUE);

/** The types a consumer of `<cc>.shared.<stream>.v1` may meet. */
export function typesOnSharedStream(stream: SharedStream): EventType[] {
  return entries.filter((entry) => entry.shared?.stream === stream).map((entry) => entry.type);
}

/** The types `service` emits. */
export function typesOfService(service: ServiceName): EventType[] {
  return entries.filter((entry) => entry.service === service).map((entry) => entry.type);
}

/** The payload class of a type on a visibility, or undefined when it is never written there. */
export function payloadClass(type: EventType, visibility: EventVisibility): PayloadClass | undefined {
  const entry = catalogueEntry(type);
  return visibility === 'private' ? entry.privatePayload : entry.shared?.payload;
}

/**
 * The `ce_dataclassification` of an event. Submissions on the shared stream need the
 * submission's `sharing`, which a withdrawal's data does not carry.
 */
export function dataClassification(type: EventType, visibility: EventVisibility, sharing?: SharingLevel): DataClassification {
  const classification = catalogueEntry(type).classification[visibility];
  if (!classification) throw new Error(`${type} is never written to a ${visibility} topic`);
  if (classification !== BY_SHARING_LEVEL) return classification;
  if (sharing === 'public') return 'public';
  if (sharing === 'trilateral') return 'confidential';
  throw new Error(`${type} crosses a border only for sharing "trilateral" or "public", not "${sharing}"`);
}
