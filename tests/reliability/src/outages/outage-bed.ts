import { type ActionArea, EVENT_TYPES, localKafkaBrokers } from '@naperj/contracts';
import { createKafka, KafkaEventServer } from '@naperj/messaging';
import { consumerLag } from '@naperj/reporting/read-models/consumer-lag';
import { LiveReadModels } from '@naperj/reporting/read-models/live-read-models';
import { generationTopics } from '@naperj/reporting/read-models/read-model-generations';
import { issueDevToken } from '@naperj/service-kit';
import { eventually } from '@naperj/service-kit/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_MODULES } from '../support/app-modules';
import { ENGINES_COUNTRY, InProcessService } from '../support/in-process-service';
import { draftsCounted, KEPT_REPORTING_DATABASE } from '../support/reporting-counts';
import { SteadyLoad } from '../support/steady-load';

/**
 * The node's write path end to end, in-process on the real engines: submissions takes a steady
 * ingest of drafts in one action area, its relay publishes them, reporting counts them. What
 * reporting counts, once caught up, is what was delivered.
 */
export class OutageBed {
  private readonly secretsDir = mkdtempSync(join(tmpdir(), 'naperj-reliability-'));
  readonly submissions = new InProcessService({
    service: 'submissions',
    appModule: APP_MODULES.submissions,
    secretsDir: this.secretsDir,
    env: { RATE_LIMIT_WRITES_PER_MINUTE: '999999' },
  });
  readonly reporting = new InProcessService({
    service: 'reporting',
    appModule: APP_MODULES.reporting,
    secretsDir: this.secretsDir,
    keptDatabase: KEPT_REPORTING_DATABASE,
  });
  private authorization = '';
  /** In every title this bed sends, so its drafts are told from earlier runs' and other tests'. */
  private readonly marker = randomUUID().slice(0, 8);

  constructor(private readonly actionArea: ActionArea) {}

  async start(): Promise<void> {
    await this.submissions.start();
    await this.reporting.start();
    this.authorization = `Bearer ${await issueDevToken({ secretsDir: this.secretsDir, country: ENGINES_COUNTRY, agency: 'SRE', roles: ['submitter'] })}`;
  }

  async close(): Promise<void> {
    await Promise.all([this.submissions.close(), this.reporting.close()]);
  }

  /** Drafts posted at `perSecond`, each a request of its own, until the load is stopped. */
  ingest(perSecond: number): SteadyLoad {
    return new SteadyLoad({
      perSecond,
      timeoutMs: 15_000,
      send: (index, signal) =>
        fetch(`${this.submissions.baseUrl}/api/v1/submissions`, {
          method: 'POST',
          headers: { authorization: this.authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'practice',
            title: { es: `${this.titlePrefix()}${index}` },
            summary: { es: 'Una red de promotoras acompaña a las familias en su lengua materna.' },
            originalLanguage: 'es',
            actionAreas: [this.actionArea],
            sharing: 'trilateral',
          }),
          signal,
        }),
    });
  }

  /** Which of this bed's requests the submissions service recorded a draft for, by its event store. */
  async draftsRecorded(): Promise<Set<number>> {
    const connection = await mongoose.createConnection(this.submissions.mongodbUri).asPromise();
    try {
      // Each delivery's data is stored as the JSON the message carries.
      const drafted = await connection
        .collection<{ deliveries: { data: string }[] }>('submissions_events')
        .find({ type: EVENT_TYPES.submissionDrafted })
        .toArray();
      const prefix = this.titlePrefix();
      return new Set(
        drafted.flatMap(({ deliveries }) => {
          const title = (JSON.parse(deliveries[0]?.data ?? '{}') as { title?: { es?: string } }).title?.es ?? '';
          return title.startsWith(prefix) ? [Number(title.slice(prefix.length))] : [];
        }),
      );
    } finally {
      await connection.close();
    }
  }

  private titlePrefix(): string {
    return `Promotoras comunitarias de salud ${this.marker}-`;
  }

  /** The node's drafts in the action area, as reporting counts them. */
  async draftsCounted(): Promise<number> {
    const counted = await draftsCounted(this.reporting.baseUrl, this.authorization, this.actionArea);
    if (counted === undefined) throw new Error('reporting did not answer');
    return counted;
  }

  /**
   * When reporting first counts `expected` (ms since the epoch; null after a minute), and its
   * count once its read models have applied all the topics hold.
   */
  async finalCount(expected: number): Promise<{ count: number; reachedAt: number | null }> {
    const reachedAt = await eventually(
      'reporting to count every accepted draft',
      async () => ((await this.draftsCounted()) >= expected ? Date.now() : undefined),
      60_000,
    ).catch(() => null);
    await this.caughtUp();
    return { count: await this.draftsCounted(), reachedAt };
  }

  /** Until reporting's live read models have applied every message their topics hold. */
  async caughtUp(timeoutMs = 600_000): Promise<void> {
    const admin = createKafka({ brokers: [localKafkaBrokers(ENGINES_COUNTRY)], clientId: 'reliability-catch-up', log: () => undefined }).admin();
    await admin.connect();
    try {
      const live = await eventually('the live read models to start', () => this.reporting.nest.get(LiveReadModels).writing(), timeoutMs);
      const topics = generationTopics(this.reporting.nest.get(KafkaEventServer));
      await eventually(`${live.groupId} to catch up`, async () => ((await consumerLag(admin, live.groupId, topics)).lag === 0n ? true : undefined), timeoutMs);
    } finally {
      await admin.disconnect();
    }
  }
}
