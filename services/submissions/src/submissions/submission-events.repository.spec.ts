import { EVENT_DATA_EXAMPLES, EVENT_TYPES } from '@naperj/contracts';
import type { RecordedEvent } from '@naperj/messaging';
import { stateAfter } from './submission-events.repository';

const drafted = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionSubmitted].private;

function event(type: string, version: number, data: unknown): RecordedEvent {
  return {
    id: `event-${version}`,
    subject: drafted.id,
    version,
    type,
    recordedAt: new Date('2026-12-01T10:00:00.000Z'),
    deliveries: [{ id: `delivery-${version}`, topic: 'mx.submissions.events.v1', type, dataclassification: 'restricted', data, tombstone: false }],
  };
}

describe('stateAfter', () => {
  it('is the private view of the latest change', () => {
    const submitted = { ...drafted, version: 2, status: 'submitted' as const };
    expect(stateAfter([event(EVENT_TYPES.submissionSubmitted, 2, submitted), event(EVENT_TYPES.submissionDrafted, 1, drafted)])).toEqual(submitted);
  });

  it('is the submission before a withdrawal, withdrawn at the withdrawal’s version', () => {
    const withdrawal = event(EVENT_TYPES.submissionWithdrawn, 3, { id: drafted.id, country: drafted.country, version: 3 });
    expect(stateAfter([withdrawal, event(EVENT_TYPES.submissionSubmitted, 2, { ...drafted, version: 2 })])).toEqual({
      ...drafted,
      version: 3,
      status: 'withdrawn',
    });
  });

  it('is nothing for a subject the node never recorded', () => {
    expect(stateAfter([])).toBeUndefined();
  });
});
