import { EventTooLargeError, type EventStore, MAX_EVENT_DATA_BYTES, VersionConflictError } from '@naperj/messaging';
import { BED_EVENT_TYPE, OutboxBed } from './outbox.fixture';

describe('event store on FerretDB: appending decides', () => {
  const bed = new OutboxBed();
  let replicaA: EventStore;
  let replicaB: EventStore;

  beforeAll(async () => {
    await bed.open();
    [replicaA, replicaB] = [await bed.store(), await bed.store()];
  }, 30_000);

  afterAll(() => bed.close());

  it('lets exactly one of two concurrent appends of a version win, 20 rounds in a row', async () => {
    const subject = 'expert-race';
    for (let version = 1; version <= 20; version += 1) {
      const outcomes = await Promise.allSettled([replicaA.append(bed.event(subject, version)), replicaB.append(bed.event(subject, version))]);

      expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
      const [lost] = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(VersionConflictError);
      expect(lost?.reason).toMatchObject({ subject, version, message: `Version ${version} of ${subject} was recorded by another writer` });
    }

    const events = await replicaA.eventsOf(subject);
    expect(events.map((event) => event.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await replicaB.latestVersion(subject)).toBe(20);
  }, 30_000);

  it('records the event as one document with its deliveries, and its outbox entry', async () => {
    const recorded = await replicaA.append(bed.event('expert-doc', 1, { shared: true, tombstone: true }));
    await replicaA.append(bed.event('expert-doc', 2));

    const [stored, second] = await replicaB.eventsOf('expert-doc');
    expect(stored).toEqual(recorded);
    expect(stored).toMatchObject({
      subject: 'expert-doc',
      version: 1,
      type: BED_EVENT_TYPE,
      deliveries: [
        {
          topic: bed.privateTopic,
          type: BED_EVENT_TYPE,
          dataclassification: 'restricted',
          tombstone: false,
          data: { id: 'expert-doc', country: 'mx', version: 1, email: 'expert-doc@example.org' },
        },
        { topic: bed.sharedTopic, type: BED_EVENT_TYPE, dataclassification: 'public', tombstone: true, data: { id: 'expert-doc', country: 'mx', version: 1 } },
      ],
    });
    expect(stored?.traceparent).toBeUndefined();
    const ids = [stored!.id, ...stored!.deliveries.map((delivery) => delivery.id), second!.id];
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await replicaB.eventsOf('expert-doc', 1)).toEqual([second]);
    const entries = await replicaA.connection.collection<{ _id: string }>(replicaA.outboxCollection).find({ subject: 'expert-doc' }).toArray();
    expect(entries.map(({ _id }) => _id).sort()).toEqual([stored!.id, second!.id].sort());
  });

  it('leaves no outbox entry for an append that lost', async () => {
    await replicaA.append(bed.event('expert-lost', 1));
    await expect(replicaB.append(bed.event('expert-lost', 1))).rejects.toBeInstanceOf(VersionConflictError);

    const [winner] = await replicaA.eventsOf('expert-lost');
    const entries = await replicaA.connection.collection<{ _id: string }>(replicaA.outboxCollection).find({ subject: 'expert-lost' }).toArray();
    expect(entries.map(({ _id }) => _id)).toEqual([winner!.id]);
  });

  it('refuses, recording nothing, an event whose data Kafka could never take', async () => {
    const event = bed.event('expert-huge', 1);
    event.deliveries[0]!.data = { ...(event.deliveries[0]!.data as object), biography: 'x'.repeat(MAX_EVENT_DATA_BYTES) };

    await expect(replicaA.append(event)).rejects.toBeInstanceOf(EventTooLargeError);
    expect(await replicaA.latestVersion('expert-huge')).toBe(0);
    expect(await replicaA.connection.collection(replicaA.outboxCollection).countDocuments({ subject: 'expert-huge' })).toBe(0);
    await expect(replicaA.append(bed.event('expert-huge', 1))).resolves.toMatchObject({ version: 1 });
  });
});
