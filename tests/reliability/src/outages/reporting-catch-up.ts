import { localKafkaBrokers } from '@naperj/contracts';
import { createKafka, KafkaEventServer } from '@naperj/messaging';
import { consumerLag } from '@naperj/reporting/read-models/consumer-lag';
import { LiveReadModels } from '@naperj/reporting/read-models/live-read-models';
import { generationTopics } from '@naperj/reporting/read-models/read-model-generations';
import { eventually } from '@naperj/service-kit/testing';
import type { Admin } from 'kafkajs';
import { ENGINES_COUNTRY, type InProcessService } from '../support/in-process-service';

/** Waits until an in-process reporting service's live read models have applied every message its topics hold. */
export class ReportingCatchUp {
  private readonly admin: Admin;

  constructor(private readonly reporting: InProcessService) {
    this.admin = createKafka({ brokers: [localKafkaBrokers(ENGINES_COUNTRY)], clientId: 'reliability-catch-up', log: () => undefined }).admin();
  }

  async caughtUp(timeoutMs = 60_000): Promise<void> {
    await this.admin.connect();
    try {
      const live = await eventually('the live read models to start', () => this.reporting.nest.get(LiveReadModels).writing(), timeoutMs);
      const topics = generationTopics(this.reporting.nest.get(KafkaEventServer));
      await eventually(
        `${live.groupId} to catch up`,
        async () => ((await consumerLag(this.admin, live.groupId, topics)).lag === 0n ? true : undefined),
        timeoutMs,
      );
    } finally {
      await this.admin.disconnect();
    }
  }
}
