import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { ConsumedEventLedger } from './consumed-event.ledger';
import { type ConsumerGroupRuntime, consumerGroupId, consumerGroupRunner } from './consumer-group.wiring';
import { ConsumerMetrics } from './consumer.metrics';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { EVENT_CONSUMER_ROOT_OPTIONS, type EventConsumerGroupOptions, type EventConsumerRootOptions } from './event-consumer.options';
import { EventHandlerRegistry } from './handler.registry';

/** A group that `EventConsumerGroups.start` started. */
export interface StartedConsumerGroup {
  /** `<cc>.<service>.<group>`. */
  readonly groupId: string;
  /** Resolves once the group has joined Kafka and got its partitions. */
  whenRunning(): Promise<void>;
  /** Lets the messages in flight finish and commit, then leaves the group. */
  stop(): Promise<void>;
}

export interface RuntimeConsumerGroupOptions extends Omit<EventConsumerGroupOptions, 'handlers'> {
  /** Objects whose `@OnEvent` methods the group runs, built by the caller rather than injected. */
  handlers: readonly object[];
}

/**
 * Consumer groups whose name is only known at run time, e.g. one per generation of a read
 * model that can be rebuilt: started and stopped by their owner, and drained before the
 * application shuts down like those of `EventConsumerModule.forFeature`.
 */
@Injectable()
export class EventConsumerGroups implements BeforeApplicationShutdown {
  private readonly runtime: ConsumerGroupRuntime;
  private readonly started = new Set<StartedConsumerGroup>();

  constructor(
    @Inject(EVENT_CONSUMER_ROOT_OPTIONS) root: EventConsumerRootOptions,
    deadLetters: DeadLetterPublisher,
    ledger: ConsumedEventLedger,
    metrics: ConsumerMetrics,
  ) {
    this.runtime = { root, deadLetters, ledger, metrics };
  }

  /** The Kafka group id a group name gets on this node and service. */
  groupId(group: string): string {
    return consumerGroupId(this.runtime.root, group);
  }

  /** Starts consuming in the background; the group retries until Kafka and its topics answer. */
  start({ group, handlers, ...options }: RuntimeConsumerGroupOptions): StartedConsumerGroup {
    const groupId = this.groupId(group);
    const runner = consumerGroupRunner(this.runtime, { groupId, handlers: EventHandlerRegistry.fromInstances(handlers), ...options });
    runner.start();
    const started: StartedConsumerGroup = {
      groupId,
      whenRunning: () => runner.whenRunning(),
      stop: async () => {
        this.started.delete(started);
        await runner.stop();
      },
    };
    this.started.add(started);
    return started;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.started].map((group) => group.stop()));
  }
}
