import { EVENT_TYPES } from '@naperj/contracts';
import { heartbeatEvent } from './heartbeat.event';

const EMITTER = '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d';

describe('heartbeatEvent', () => {
  const sentAt = new Date('2026-11-29T05:00:00.123Z');

  it('is a confidential node heartbeat from the reporting service, about the emitting process', () => {
    const event = heartbeatEvent({ country: 'mx', emitterId: EMITTER, sequence: 7, sentAt, services: [{ name: 'reporting', ready: true }] });
    expect(event).toMatchObject({
      source: 'urn:naperj:mx:reporting',
      type: EVENT_TYPES.nodeHeartbeat,
      time: '2026-11-29T05:00:00.123Z',
      subject: EMITTER,
      dataclassification: 'confidential',
      data: { id: EMITTER, country: 'mx', version: 7, sentAt: '2026-11-29T05:00:00.123Z', services: [{ name: 'reporting', ready: true }] },
    });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('gives every heartbeat its own event id', () => {
    const of = (sequence: number) => heartbeatEvent({ country: 'ca', emitterId: EMITTER, sequence, sentAt, services: [] });
    expect(of(1).id).not.toBe(of(2).id);
  });

  it('refuses data the contracts would refuse', () => {
    expect(() => heartbeatEvent({ country: 'mx', emitterId: 'not-a-uuid', sequence: 1, sentAt, services: [] })).toThrow('The heartbeat is invalid');
    expect(() => heartbeatEvent({ country: 'mx', emitterId: EMITTER, sequence: 0, sentAt, services: [] })).toThrow('version');
  });
});
