import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ConsumedEventLedger } from './consumed-event.ledger';
import { consumerGroupId, consumerGroupRunner } from './consumer-group.wiring';
import { ConsumerMetrics } from './consumer.metrics';
import type { ConsumerRunner } from './consumer.runner';
import { DeadLetterPublisher } from './dead-letter.publisher';
import {
  EVENT_CONSUMER_GROUP_OPTIONS,
  EVENT_CONSUMER_ROOT_OPTIONS,
  type EventConsumerGroupOptions,
  type EventConsumerRootOptions,
} from './event-consumer.options';
import { EventHandlerRegistry } from './handler.registry';

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
    this.groupId = consumerGroupId(root, options.group);
  }

  onApplicationBootstrap(): void {
    const { group: _group, handlers: classes, ...options } = this.options;
    const handlers = EventHandlerRegistry.discover(this.discovery, this.scanner, classes);
    const runtime = { root: this.root, deadLetters: this.deadLetters, ledger: this.ledger, metrics: this.metrics };
    this.runner = consumerGroupRunner(runtime, { groupId: this.groupId, handlers, ...options });
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
}
