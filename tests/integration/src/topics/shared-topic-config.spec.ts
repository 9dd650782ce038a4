import { privateEventsTopicSpec, sharedTopicSpec, type TopicSpec } from '@naperj/contracts';
import { createKafka, provisionTopics } from '@naperj/messaging';
import { type Admin, ConfigResourceTypes } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';

const DAY_MS = 86_400_000;

/** What the broker holds for each of a topic's settings, and whether it is the topic's own. */
async function topicSettings(admin: Admin, topic: string): Promise<Record<string, { value: string; isDefault: boolean }>> {
  const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
  return Object.fromEntries(resources[0]!.configEntries.map((entry) => [entry.configName, { value: entry.configValue, isDefault: entry.isDefault }]));
}

describe('provisioned topics on the broker (describeConfigs)', () => {
  const id = randomUUID().slice(0, 8);
  // Names of this file's own, on the shared mx engines; the settings are those of the contracts' specs.
  const shared: TopicSpec = { ...sharedTopicSpec('mx', 'submissions'), name: `mx.shared.topic-config-${id}.v1` };
  const own: TopicSpec = { ...privateEventsTopicSpec('mx', 'submissions'), name: `mx.topic-config-${id}.events.v1` };
  const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `topic-config-test-${id}`, log: () => undefined });
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    // Nothing produces to these topics: a minimum of 2 in-sync replicas on a single broker only shows it was set.
    await provisionTopics(admin, [shared, own], { minInsyncReplicas: 2 });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [shared.name, own.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('keeps the withdrawals and tombstones of a compacted shared topic through a replication outage of 7 days', async () => {
    const settings = await topicSettings(admin, shared.name);
    expect(settings['cleanup.policy']).toEqual({ value: 'compact', isDefault: false });
    for (const name of ['min.compaction.lag.ms', 'delete.retention.ms', 'max.compaction.lag.ms']) {
      expect([name, settings[name]!.isDefault]).toEqual([name, false]);
      expect([name, Number(settings[name]!.value)]).toEqual([name, expect.any(Number)]);
    }
    expect(Number(settings['min.compaction.lag.ms']!.value)).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(Number(settings['delete.retention.ms']!.value)).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(Number(settings['max.compaction.lag.ms']!.value)).toBeGreaterThanOrEqual(Number(settings['min.compaction.lag.ms']!.value));
  });

  it('brings a shared topic created before these settings in line, keeping its other own settings', async () => {
    const older: TopicSpec = { ...shared, name: `mx.shared.topic-config-older-${id}.v1` };
    await admin.createTopics({
      topics: [
        {
          topic: older.name,
          numPartitions: older.partitions,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'max.message.bytes', value: '2097152' },
          ],
        },
      ],
    });
    try {
      expect((await topicSettings(admin, older.name))['delete.retention.ms']!.isDefault).toBe(true);
      expect((await provisionTopics(admin, [older])).aligned).toEqual([older.name]);
      const settings = await topicSettings(admin, older.name);
      expect(Number(settings['min.compaction.lag.ms']!.value)).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(Number(settings['delete.retention.ms']!.value)).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(settings['max.message.bytes']).toEqual({ value: '2097152', isDefault: false });
      expect((await provisionTopics(admin, [older])).aligned).toEqual([]);
    } finally {
      await admin.deleteTopics({ topics: [older.name] }).catch(() => undefined);
    }
  });

  it.each([
    ['shared', shared],
    ['private', own],
  ])('sets the configured min.insync.replicas on a %s topic', async (_kind, spec) => {
    expect((await topicSettings(admin, spec.name))['min.insync.replicas']).toEqual({ value: '2', isDefault: false });
  });
});
