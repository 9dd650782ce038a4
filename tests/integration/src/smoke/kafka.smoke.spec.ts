import { nodeTopics } from '@naperj/contracts';
import { createKafka, provisionTopics } from '@naperj/messaging';
import { randomUUID } from 'node:crypto';
import { type Admin, type Consumer, type IHeaders, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { TEST_COUNTRY, TEST_KAFKA_BROKERS } from '../engines/engines-cli';

describe('Kafka smoke (real broker)', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    // A fresh broker answers "coordinator loading" for a moment; kafkajs retries and logs
    // each try as an error, which would only clutter the test output.
    kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'smoke-test', log: () => undefined });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer?.disconnect();
    await admin?.disconnect();
  });

  function consumeOne(topic: string, groupId: string): Promise<{ message: KafkaMessage; partition: number }> {
    const consumer = kafka.consumer({ groupId });
    consumers.push(consumer);
    return new Promise((resolve, reject) => {
      consumer
        .connect()
        .then(() => consumer.subscribe({ topics: [topic], fromBeginning: true }))
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachMessage: async ({ message, partition }) => {
              await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
              resolve({ message, partition });
            },
          }),
        )
        .catch(reject);
    });
  }

  it('produces and consumes a keyed message with its headers on a fresh topic, committing the next offset', async () => {
    const topic = `smoke.${randomUUID()}.v1`;
    const groupId = `smoke-${randomUUID()}`;
    await provisionTopics(admin, [{ name: topic, partitions: 3, cleanupPolicy: 'delete', retentionMs: 3_600_000 }]);
    const headers: IHeaders = {
      ce_id: randomUUID(),
      ce_type: 'org.naperj.smoke.tested.v1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };

    await producer.send({ topic, acks: -1, messages: [{ key: 'subject-1', value: JSON.stringify({ hello: 'hola' }), headers }] });
    const { message, partition } = await consumeOne(topic, groupId);

    expect(message.key?.toString()).toBe('subject-1');
    expect(JSON.parse(message.value!.toString())).toEqual({ hello: 'hola' });
    expect(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]))).toEqual(headers);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed!.partitions.find((p) => p.partition === partition)?.offset).toBe('1');
  });

  it('provisions the node topics with their cleanup policies, and again without error', async () => {
    const specs = nodeTopics(TEST_COUNTRY);
    await provisionTopics(admin, specs);
    const again = await provisionTopics(admin, specs);
    expect(again.created).toEqual([]);

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: specs.map((spec) => ({ type: 2 /* TOPIC */, name: spec.name, configNames: ['cleanup.policy'] })),
    });
    const policies = Object.fromEntries(
      described.resources.map((r) => [r.resourceName, r.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue]),
    );
    expect(policies).toEqual(Object.fromEntries(specs.map((spec) => [spec.name, spec.cleanupPolicy])));
  });

  it('does not auto-create topics: producing to an unknown topic fails', async () => {
    const strict = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'smoke-strict', log: () => undefined });
    const p = strict.producer({ retry: { retries: 1, initialRetryTime: 50 }, createPartitioner: Partitioners.DefaultPartitioner });
    await p.connect();
    try {
      await expect(p.send({ topic: `smoke.absent.${randomUUID()}`, messages: [{ value: 'x' }] })).rejects.toThrow(/topic-partition|UNKNOWN_TOPIC/i);
    } finally {
      await p.disconnect();
    }
  });
});
