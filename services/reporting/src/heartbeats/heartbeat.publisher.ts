import { KAFKA_CLIENT, MetricsRegistry, type ServiceConfig, TopicProvisioner } from '@naperj/service-kit';
import { sharedTopic } from '@naperj/contracts';
import { EventSigner, toKafkaMessage } from '@naperj/messaging';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService, type ConfigType } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { type Connection, ConnectionStates } from 'mongoose';
import type { Counter } from 'prom-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { reportingConfig } from '../config/reporting-config';
import { heartbeatEvent } from './heartbeat.event';

/** How long shutdown waits for a heartbeat on its way before dropping it. */
const SHUTDOWN_GRACE_MS = 2000;

/**
 * Sends the node's signed heartbeat to `<cc>.shared.heartbeats.v1` every interval, from this
 * process, straight to Kafka. A heartbeat is no state change, so it skips the outbox: one that
 * cannot be sent is logged and dropped, and the next one replaces it. It is signed exactly as
 * the relay signs shared events (`toKafkaMessage` with the node's `EventSigner`).
 */
@Injectable()
export class HeartbeatPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** The emitting process, the heartbeat's `id` and subject: new at each start. */
  readonly emitterId = uuidv7();
  private readonly logger = new Logger(HeartbeatPublisher.name);
  private readonly producer: Producer;
  private readonly sent: Counter<'outcome'>;
  private readonly topic: string;
  private readonly country: ServiceConfig['country'];
  private sequence = 0;
  private timer?: NodeJS.Timeout;
  private sending?: Promise<void>;
  private connecting?: Promise<void>;
  private failing = false;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    private readonly signer: EventSigner,
    config: ConfigService<ServiceConfig, true>,
    @Inject(reportingConfig.KEY) private readonly reporting: ConfigType<typeof reportingConfig>,
    @InjectConnection() private readonly connection: Connection,
    metrics: MetricsRegistry,
    private readonly topics: TopicProvisioner,
  ) {
    this.country = config.get('country', { infer: true });
    this.topic = sharedTopic(this.country, 'heartbeats');
    // A stale heartbeat is worth nothing: few retries, and the next tick sends a fresh one.
    this.producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 2 }, createPartitioner: Partitioners.DefaultPartitioner });
    this.sent = metrics.counter({ name: 'naperj_heartbeats_total', help: 'Heartbeats of this process, by outcome (sent or failed)', labelNames: ['outcome'] });
  }

  onApplicationBootstrap(): void {
    // Until the topic exists, heartbeats fail and are counted so; the provisioner logs why.
    this.topics.provision().catch(() => undefined);
    this.beat();
    this.timer = setInterval(() => this.beat(), this.reporting.heartbeatIntervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.sending) {
      const grace = new AbortController();
      await Promise.race([this.sending, sleep(SHUTDOWN_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined)]);
      grace.abort();
    }
    if (this.connecting) await this.producer.disconnect().catch(() => undefined);
  }

  /** One heartbeat, unless the previous one is still on its way: beats never pile up. */
  private beat(): void {
    if (this.sending) return;
    this.sending = this.send().finally(() => (this.sending = undefined));
  }

  private async send(): Promise<void> {
    // Counted even when it fails, so peers see the gap in the sequence.
    const sequence = ++this.sequence;
    const event = heartbeatEvent({
      country: this.country,
      emitterId: this.emitterId,
      sequence,
      sentAt: new Date(),
      services: [{ name: 'reporting', ready: this.connection.readyState === ConnectionStates.connected }],
    });
    try {
      await this.connect();
      await this.producer.send({ topic: this.topic, acks: -1, messages: [toKafkaMessage(event, this.signer)] });
      this.sent.inc({ outcome: 'sent' });
      if (this.failing) this.logger.log(`Heartbeats reach ${this.topic} again (heartbeat ${sequence})`);
      this.failing = false;
    } catch (error) {
      this.sent.inc({ outcome: 'failed' });
      // Once per outage: an unreachable Kafka would otherwise log every interval.
      if (!this.failing) this.logger.warn(`Heartbeat ${sequence} not sent to ${this.topic}: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
