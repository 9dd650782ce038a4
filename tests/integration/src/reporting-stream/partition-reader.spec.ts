import { createKafka } from '@naperj/messaging';
import { PartitionReader } from '@naperj/reporting/stream/partition-reader';
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';

describe("an integrator stream's partition reader (on the real Kafka)", () => {
  const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'partition-reader-test', log: () => undefined });
  const topic = `partition-reader-test-${randomUUID()}`;
  /** Every consumer a reader made, with what it did last: connected or disconnected. */
  const consumers: { consumer: Consumer; state: 'new' | 'connected' | 'disconnected' }[] = [];
  /** The real client; it only records the consumers it hands out. */
  const recording: Kafka = Object.assign(Object.create(kafka) as Kafka, {
    consumer: (config: ConsumerConfig) => {
      const consumer = kafka.consumer(config);
      const entry = { consumer, state: 'new' as 'new' | 'connected' | 'disconnected' };
      consumer.on(consumer.events.CONNECT, () => (entry.state = 'connected'));
      consumer.on(consumer.events.DISCONNECT, () => (entry.state = 'disconnected'));
      consumers.push(entry);
      return consumer;
    },
  });

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    // Whatever a failing reader left behind must not keep the test process alive.
    await Promise.all(consumers.map(({ consumer }) => consumer.disconnect().catch(() => undefined)));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('stopped while it is still joining Kafka (a start that timed out), leaves no consumer connected', async () => {
    const reader = new PartitionReader({
      kafka: recording,
      groupId: `mx.reporting.stream.${randomUUID()}`,
      topics: [{ name: topic, origin: 'mx', from: 'shared', stream: 'insights' }],
      positions: new Map([[topic, [0]]]),
      handle: () => Promise.resolve(),
      onFailure: () => undefined,
    });
    // The stream gives up on a start that takes too long and stops its reader while the connection is under way.
    const starting = reader.start();
    await reader.stop();
    await starting.catch(() => undefined);

    expect(consumers).toHaveLength(1);
    expect(consumers[0]!.state).not.toBe('connected');
  });
});
