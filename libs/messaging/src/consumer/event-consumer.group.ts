import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ConsumedEventLedger } from './consumed-event.ledger';
import { type ConsumedTopic, subscribedTopics } from './consumed-topic';
import { ConsumerMetrics } from './consumer.metrics';
import { ConsumerRunner } from './consumer.runner';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { CONTRACTS_EVENT_CATALOG, type EventCatalog } from './event-catalog';
import {
  EVENT_CONSUMER_GROUP_OPTIONS,
  EVENT_CONSUMER_ROOT_OPTIONS,
  type EventConsumerGroupOptions,
  type EventConsumerRootOptions,
} from './event-consumer.options';
import { EventHandlerRegistry } from './handler.registry';
import { MessageProcessor } from './message.processor';
import { DEFAULT_RETRY_POLICY } from './retry.schedule';

const GROUP_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * One consumer group of the service: finds its handlers once every provider exists, starts
 * consuming when the application has bootstrapped, and drains before the application shuts
 * down, while the database and the DLQ producer are still open.
 */
@Injectable()
export class EventConsumerGroup implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly groupId: string;
  private runner?: ConsumerRunner;

  constructor(
    @Inject(EVENT_CONSUMER_GROUP_OPTIONS) private readonly options: EventConsumerGroupOptions,
    @Inject(EVENT_CONSUMER_ROOT_OPTIONS) private readonly root: EventConsumerRootOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly ledger: ConsumedEventLedger,
    private readonly metrics: ConsumerMetrics,
  ) {
    if (!GROUP_NAME.test(options.group)) throw new Error(`Consumer group name "${options.group}" must be kebab-case`);
    this.groupId = `${root.country}.${root.service}.${options.group}`;
  }

  onApplicationBootstrap(): void {
    const topics = subscribedTopics(this.options.subscriptions, this.root);
    const handlers = EventHandlerRegistry.discover(this.discovery, this.scanner, this.options.handlers);
    const catalog = this.root.catalog ?? CONTRACTS_EVENT_CATALOG;
    this.checkEveryHandlerIsReachable(handlers, topics, catalog);
    const logger = new Logger(`EventConsumer ${this.groupId}`);
    const processor = new MessageProcessor({
      groupId: this.groupId,
      handlers,
      catalog,
      trust: this.root.trust,
      ledger: this.ledger,
      deadLetters: this.deadLetters,
      metrics: this.metrics,
      retry: { ...DEFAULT_RETRY_POLICY, ...this.root.retry, ...this.options.retry },
      logger,
    });
    this.runner = new ConsumerRunner({
      kafka: this.root.kafka,
      groupId: this.groupId,
      topics,
      processor,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? this.root.partitionsConsumedConcurrently ?? 4,
      sessionTimeoutMs: this.root.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs: this.root.heartbeatIntervalMs ?? 3_000,
      logger,
    });
    this.runner.start();
  }

  /** Resolves once the group has joined Kafka and got its partitions. */
  whenRunning(): Promise<void> {
    if (!this.runner) throw new Error(`${this.groupId} has not started: the application has not bootstrapped`);
    return this.runner.whenRunning();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }

  /** A handler no subscribed topic can deliver to is a wiring mistake: refuse to start. */
  private checkEveryHandlerIsReachable(handlers: EventHandlerRegistry, topics: readonly ConsumedTopic[], catalog: EventCatalog): void {
    for (const handler of handlers.all()) {
      if (!topics.some((topic) => topic.visibility === handler.from && catalog.carries(topic, handler.type))) {
        throw new Error(`${handler.name} handles ${handler.type} from ${handler.from} topics, but group ${this.groupId} reads none that carries it`);
      }
    }
  }
}
