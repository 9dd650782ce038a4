import type { EventStore, OutboxRelay } from '@naperj/messaging';
import { type Connection, mongo } from 'mongoose';
import { countById, OutboxBed, type ReadMessage, until } from './outbox.fixture';

/**
 * The insert of the next event lands in the database, then the driver reports a network
 * timeout: what a dropped reply looks like to the event store. Only the events collection
 * of this connection is wrapped; FerretDB does the real insert.
 */
function landThenTimeOut(connection: Connection, collection: string): void {
  const events = connection.collection(collection);
  const insertOne = events.insertOne.bind(events);
  let armed = true;
  events.insertOne = async (...args: Parameters<typeof insertOne>) => {
    const result = await insertOne(...args);
    if (!armed) return result;
    armed = false;
    throw new mongo.MongoNetworkTimeoutError('connection timed out after the insert was sent');
  };
}

describe('an append whose insert landed but reported an error', () => {
  const bed = new OutboxBed();
  let writer: EventStore;
  let relay: OutboxRelay;

  beforeAll(async () => {
    await bed.open();
    writer = await bed.store();
    relay = bed.relay(await bed.store(), { tuning: { sweepIntervalMs: 200 } });
  }, 30_000);

  afterAll(() => bed.close());

  it('is published: the outbox entry stays, the relay sends the recorded event', async () => {
    landThenTimeOut(writer.connection, writer.collection);
    await expect(writer.append(bed.event('expert-ambiguous', 1))).rejects.toBeInstanceOf(mongo.MongoNetworkTimeoutError);
    const [recorded] = await writer.eventsOf('expert-ambiguous');
    expect(recorded?.version).toBe(1);

    relay.start();
    let messages: ReadMessage[] = [];
    await until(
      async () => (messages = (await bed.read(bed.privateTopic)).filter(({ key }) => key === 'expert-ambiguous')).length > 0,
      15_000,
      'the recorded event in Kafka',
    );
    expect([...countById(messages).keys()]).toEqual([recorded!.deliveries[0]!.id]);
    await expect(writer.append(bed.event('expert-ambiguous', 2))).resolves.toMatchObject({ version: 2 });
  }, 30_000);

  it('is swept: a recorded event that lost its outbox entry is published, and its later versions after it', async () => {
    await relay.stop();
    const lost = await writer.append(bed.event('expert-swept', 1));
    // As when an entry was voided before its slow insert landed: no entry, never published.
    await writer.connection.collection<{ _id: string }>(writer.outboxCollection).deleteOne({ _id: lost.id });
    const later = await writer.append(bed.event('expert-swept', 2));

    bed.relay(await bed.store(), { tuning: { sweepIntervalMs: 200 } }).start();
    let messages: ReadMessage[] = [];
    await until(
      async () => {
        messages = (await bed.read(bed.privateTopic)).filter(({ key }) => key === 'expert-swept');
        return countById(messages).size === 2 && messages.at(-1)?.headers['ce_id'] === later.deliveries[0]!.id;
      },
      15_000,
      'both versions published, the latest last',
    );
    expect([...countById(messages).keys()].sort()).toEqual([lost.deliveries[0]!.id, later.deliveries[0]!.id].sort());
  }, 30_000);
});
