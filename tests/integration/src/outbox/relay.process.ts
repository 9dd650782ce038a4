/**
 * A relay replica in a process of its own, for relay-crash.spec.ts. With RELAY_CRASH set it
 * dies by SIGKILL at that point of its first batch: `before-publish` (the events are
 * recorded, nothing sent) or `before-mark` (the batch is in Kafka, its outbox entries not
 * yet deleted). SIGTERM stops it cleanly.
 */
import { EventStore, loadOrCreateEventSigner, OutboxRelay, parseBrokers, type RelayLogger } from '@naperj/messaging';
import { Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { Registry } from 'prom-client';

const env = process.env as Record<string, string>;

function die(at: string): Promise<never> {
  process.stdout.write(`SIGKILL at ${at}\n`);
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => undefined);
}

function crashOnFirstBatch(outboxCollection: string): void {
  if (env['RELAY_CRASH'] === 'before-mark') {
    // The original, as a value: applied below to each model, with its own `this`.
    const deleteMany = Reflect.get(mongoose.Model, 'deleteMany');
    Object.defineProperty(mongoose.Model, 'deleteMany', {
      value(this: typeof mongoose.Model, ...args: Parameters<typeof deleteMany>) {
        return this.collection.collectionName === outboxCollection ? die('marking') : deleteMany.apply(this, args);
      },
    });
  }
  if (env['RELAY_CRASH'] === 'before-publish') {
    // The original, as a value: applied below to each Kafka, with its own `this`.
    const createProducer = Reflect.get(Kafka.prototype, 'producer');
    Kafka.prototype.producer = function (this: Kafka, ...args: Parameters<Kafka['producer']>) {
      const producer = createProducer.apply(this, args);
      const transaction = producer.transaction.bind(producer);
      // The relay sends in transactions: their sends die.
      return Object.assign(producer, {
        sendBatch: () => die('publishing'),
        transaction: async () => Object.assign(await transaction(), { sendBatch: () => die('publishing') }),
      });
    };
  }
}

const logger: RelayLogger = {
  log: (message) => process.stdout.write(`${message}\n`),
  warn: (message) => process.stdout.write(`${message}\n`),
  error: (message) => process.stdout.write(`${message}\n`),
  debug: () => undefined,
};

async function main(): Promise<void> {
  const connection = await mongoose.createConnection(env['MONGODB_URI']!, { serverSelectionTimeoutMS: 5000 }).asPromise();
  const store = new EventStore({ connection, service: 'expert-network', collection: env['EVENTS_COLLECTION'] });
  crashOnFirstBatch(store.outboxCollection);
  const relay = new OutboxRelay({
    store,
    country: 'mx',
    brokers: parseBrokers(env['KAFKA_BROKERS']!),
    signer: await loadOrCreateEventSigner(env['NAPERJ_SECRETS_DIR']!, 'mx'),
    registry: new Registry(),
    logger,
  });
  process.once('SIGTERM', () => {
    void relay
      .stop()
      .then(() => connection.close())
      .then(() => process.stdout.write('stopped\n'));
  });
  relay.start();
}

void main();
