import type { EventStore, NewEvent, RecordedEvent } from '@naperj/messaging';
import { Registry } from 'prom-client';
import { BED_EVENT_TYPE, countById, OutboxBed } from './outbox.fixture';

/** What the topic accepts per record batch: a handful of these events, not a backlog. */
const MAX_MESSAGE_BYTES = 8192;

describe('a relay with a backlog larger than the topic takes in one batch', () => {
  const bed = new OutboxBed();
  const smallTopic = `mx.outbox-${bed.id}-small.events.v1`;
  const registry = new Registry();
  let store: EventStore;

  beforeAll(async () => {
    await bed.open();
    const admin = bed.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: smallTopic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) }] }],
    });
    await admin.disconnect();
    store = await bed.store();
  }, 30_000);

  afterAll(() => bed.close());

  function event(subject: string, version: number, padding: number): NewEvent {
    return {
      subject,
      version,
      type: BED_EVENT_TYPE,
      deliveries: [{ topic: smallTopic, dataclassification: 'internal', data: { id: subject, version, notes: 'n'.repeat(padding) } }],
    };
  }

  it('publishes every event that fits, in order, parks the one too large alone with its reason, and keeps going', async () => {
    const recorded: RecordedEvent[] = [];
    for (let version = 1; version <= 20; version += 1) {
      for (const subject of ['expert-a', 'expert-b']) recorded.push(await store.append(event(subject, version, 700)));
      if (version === 7) recorded.push(await store.append(event('expert-huge', 1, 2 * MAX_MESSAGE_BYTES)));
    }
    const huge = recorded.find(({ subject }) => subject === 'expert-huge')!;

    bed.relay(store, { registry }).start();
    await bed.untilNothingPending(20_000);
    const after = await store.append(event('expert-a', 21, 700));
    await bed.untilNothingPending(10_000);

    const messages = await bed.read(smallTopic);
    const expected = [...recorded.filter((e) => e !== huge), after].map(({ deliveries }) => deliveries[0]!.id);
    expect([...countById(messages).keys()].sort()).toEqual(expected.sort());
    for (const subject of ['expert-a', 'expert-b']) {
      const versions = messages.filter(({ key }) => key === subject).map(({ value }) => (JSON.parse(value!.toString()) as { version: number }).version);
      expect(versions).toEqual(Array.from({ length: subject === 'expert-a' ? 21 : 20 }, (_, i) => i + 1));
    }

    const parked = await store.connection.collection(`${bed.collection}_parked`).find().toArray();
    expect(parked).toEqual([
      expect.objectContaining({
        _id: huge.id,
        subject: 'expert-huge',
        version: 1,
        reason: expect.stringContaining(`max.message.bytes ${MAX_MESSAGE_BYTES}`) as unknown,
      }) as unknown,
    ]);
    const gauge = await registry.getSingleMetric('naperj_outbox_parked')?.get();
    expect(gauge?.values).toEqual([expect.objectContaining({ value: 1 })]);
    expect(await store.outboxStats()).toMatchObject({ pending: 0, parked: 1 });
  }, 60_000);
});
