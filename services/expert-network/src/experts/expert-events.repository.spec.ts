import { EVENT_DATA_EXAMPLES, EVENT_TYPES, type ExpertData } from '@naperj/contracts';
import type { RecordedEvent } from '@naperj/messaging';
import { stateAfter } from './expert-events.repository';

const expert: ExpertData = EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].private;

function recorded(type: string, version: number, data: object): RecordedEvent {
  return {
    id: `event-${version}`,
    subject: expert.id,
    version,
    type,
    recordedAt: new Date('2026-11-01T10:00:00.000Z'),
    deliveries: [{ id: `delivery-${version}`, topic: 'mx.expert-network.events.v1', type, dataclassification: 'restricted', data, tombstone: false }],
  };
}

describe('stateAfter', () => {
  it('is the private view of the latest change', () => {
    expect(stateAfter([recorded(EVENT_TYPES.expertUpdated, 2, { ...expert, version: 2 })])).toEqual({ data: { ...expert, version: 2 }, withdrawn: false });
  });

  it('after a withdrawal, is the profile before it, withdrawn, at the withdrawal version', () => {
    const state = stateAfter([
      recorded(EVENT_TYPES.expertWithdrawn, 2, { id: expert.id, country: 'mx', version: 2 }),
      recorded(EVENT_TYPES.expertRegistered, 1, expert),
    ]);
    expect(state).toEqual({ data: { ...expert, version: 2 }, withdrawn: true });
  });

  it('is no expert for a subject without events, or one holding only erasure receipts of a partner', () => {
    expect(stateAfter([])).toBeUndefined();
    expect(stateAfter([recorded(EVENT_TYPES.expertErased, 3, { id: expert.id, country: 'us', version: 3 })])).toBeUndefined();
  });
});
