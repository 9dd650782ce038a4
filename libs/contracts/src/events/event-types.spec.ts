import { EVENT_TYPES, isEventType } from './event-types';

/** Copied from docs/architecture.md, Event types, expanded by hand. */
const CONTRACT_EVENT_TYPES = [
  'org.naperj.submission.drafted.v1',
  'org.naperj.submission.updated.v1',
  'org.naperj.submission.submitted.v1',
  'org.naperj.submission.reviewed.v1',
  'org.naperj.submission.changes-requested.v1',
  'org.naperj.submission.rejected.v1',
  'org.naperj.submission.published.v1',
  'org.naperj.submission.withdrawn.v1',
  'org.naperj.expert.registered.v1',
  'org.naperj.expert.updated.v1',
  'org.naperj.expert.withdrawn.v1',
  'org.naperj.expert.erased.v1',
  'org.naperj.exchange.requested.v1',
  'org.naperj.exchange.responded.v1',
  'org.naperj.exchange.closed.v1',
  'org.naperj.review.assigned.v1',
  'org.naperj.consultation.scheduled.v1',
  'org.naperj.consultation.opened.v1',
  'org.naperj.consultation.closed.v1',
  'org.naperj.contribution.received.v1',
  'org.naperj.contribution.hidden.v1',
  'org.naperj.contribution.erased.v1',
  'org.naperj.insight.published.v1',
  'org.naperj.node.heartbeat.v1',
];

describe('EVENT_TYPES', () => {
  const types: string[] = Object.values(EVENT_TYPES);

  it('holds every type of docs/architecture.md, Event types, exactly once, and nothing else', () => {
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual([...CONTRACT_EVENT_TYPES].sort());
  });

  it('recognises a type read off the wire', () => {
    expect(isEventType('org.naperj.submission.published.v1')).toBe(true);
  });

  it.each(['org.naperj.submission.published.v2', 'org.naperj.submission.deleted.v1', '', undefined])('rejects %p', (value) => {
    expect(isEventType(value)).toBe(false);
  });
});
