/** The entities whose changes are events; the `<entity>` part of a type. */
export const EVENT_ENTITIES = ['submission', 'expert', 'exchange', 'review', 'consultation', 'contribution', 'insight', 'node'] as const;
export type EventEntity = (typeof EVENT_ENTITIES)[number];

/** The only place the CloudEvents `type` form of docs/architecture.md, Event types, is written. */
function eventType<E extends EventEntity, V extends string>(entity: E, verb: V): `org.naperj.${E}.${V}.v1` {
  return `org.naperj.${entity}.${verb}.v1`;
}

/** Every event type of the platform (docs/architecture.md, Event types). */
export const EVENT_TYPES = {
  submissionDrafted: eventType('submission', 'drafted'),
  submissionUpdated: eventType('submission', 'updated'),
  submissionSubmitted: eventType('submission', 'submitted'),
  submissionReviewed: eventType('submission', 'reviewed'),
  submissionChangesRequested: eventType('submission', 'changes-requested'),
  submissionRejected: eventType('submission', 'rejected'),
  submissionPublished: eventType('submission', 'published'),
  submissionWithdrawn: eventType('submission', 'withdrawn'),

  expertRegistered: eventType('expert', 'registered'),
  expertUpdated: eventType('expert', 'updated'),
  expertWithdrawn: eventType('expert', 'withdrawn'),
  expertErased: eventType('expert', 'erased'),

  exchangeRequested: eventType('exchange', 'requested'),
  exchangeResponded: eventType('exchange', 'responded'),
  exchangeClosed: eventType('exchange', 'closed'),

  reviewAssigned: eventType('review', 'assigned'),

  consultationScheduled: eventType('consultation', 'scheduled'),
  consultationOpened: eventType('consultation', 'opened'),
  consultationClosed: eventType('consultation', 'closed'),

  contributionReceived: eventType('contribution', 'received'),
  contributionHidden: eventType('contribution', 'hidden'),
  contributionErased: eventType('contribution', 'erased'),

  insightPublished: eventType('insight', 'published'),

  nodeHeartbeat: eventType('node', 'heartbeat'),
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/**
 * The submission types whose private data is the submission's whole state: every one but
 * `withdrawn`, so a projection of the private topic handles them alike.
 */
export const SUBMISSION_STATE_EVENT_TYPES = [
  EVENT_TYPES.submissionDrafted,
  EVENT_TYPES.submissionUpdated,
  EVENT_TYPES.submissionSubmitted,
  EVENT_TYPES.submissionReviewed,
  EVENT_TYPES.submissionChangesRequested,
  EVENT_TYPES.submissionRejected,
  EVENT_TYPES.submissionPublished,
] as const;

const eventTypes: ReadonlySet<string> = new Set(Object.values(EVENT_TYPES));

/** For a `ce_type` header read off the wire. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && eventTypes.has(value);
}
