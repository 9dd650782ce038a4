import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES } from './publication-batches';

/**
 * Each topic's `max.message.bytes` as the broker applies it (the topic's own, else the
 * broker's default), read once per topic and again after the broker refused a send.
 */
export class TopicLimits {
  private readonly known = new Map<string, number>();

  constructor(private readonly kafka: Kafka) {}

  async of(topics: Iterable<string>): Promise<ReadonlyMap<string, number>> {
    const unknown = [...new Set(topics)].filter((topic) => !this.known.has(topic));
    if (unknown.length > 0) await this.read(unknown);
    return this.known;
  }

  forget(topics: Iterable<string>): void {
    for (const topic of topics) this.known.delete(topic);
  }

  private async read(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] })),
      });
      for (const { resourceName, configEntries } of resources) {
        const value = Number(configEntries.find(({ configName }) => configName === 'max.message.bytes')?.configValue);
        this.known.set(resourceName, Number.isSafeInteger(value) && value > 0 ? value : KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
      }
    } finally {
      await admin.disconnect();
    }
  }
}
