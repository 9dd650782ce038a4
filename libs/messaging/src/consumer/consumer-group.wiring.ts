import { Logger } from '@nestjs/common';
import type { ConsumedEventLedger } from './consumed-event.ledger';
import { type ConsumedTopic, type Subscription, subscribedTopics } from './consumed-topic';
import type { ConsumerMetrics } from './consumer.metrics';
import { ConsumerRunner } from './consumer.runner';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import { CONTRACTS_EVENT_CATALOG, type EventCatalog } from './event-catalog';
import type { EventConsumerRootOptions } from './event-consumer.options';
import type { EventHandlerRegistry } from './handler.registry';
import { MessageProcessor } from './message.processor';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.schedule';

const GROUP_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** What every consumer group of a service shares: the root options and the runtime's stores. */
export interface ConsumerGroupRuntime {
  root: EventConsumerRootOptions;
  deadLetters: DeadLetterPublisher;
  ledger: ConsumedEventLedger;
  metrics: ConsumerMetrics;
}

/** One group, its handlers already found. */
export interface ConsumerGroupWiring {
  groupId: string;
  subscriptions: readonly Subscription[];
  handlers: EventHandlerRegistry;
  retry?: Partial<RetryPolicy>;
  partitionsConsumedConcurrently?: number;
  startAt?: 'earliest' | 'latest';
}

/** The Kafka group id of a kebab-case group name: `<cc>.<service>.<group>`. */
export function consumerGroupId({ country, service }: Pick<EventConsumerRootOptions, 'country' | 'service'>, group: string): string {
  if (!GROUP_NAME.test(group)) throw new Error(`Consumer group name "${group}" must be kebab-case`);
  return `${country}.${service}.${group}`;
}

/**
 * The runner of one group, not yet started: its processor checks, applies once or
 * dead-letters each message, and its Kafka consumer commits after each outcome. Refuses a
 * handler that none of the group's topics can deliver to: that is a wiring mistake.
 */
export function consumerGroupRunner({ root, deadLetters, ledger, metrics }: ConsumerGroupRuntime, group: ConsumerGroupWiring): ConsumerRunner {
  const topics = subscribedTopics(group.subscriptions, root);
  const catalog = root.catalog ?? CONTRACTS_EVENT_CATALOG;
  checkEveryHandlerIsReachable(group.groupId, group.handlers, topics, catalog);
  const logger = new Logger(`EventConsumer ${group.groupId}`);
  const processor = new MessageProcessor({
    groupId: group.groupId,
    handlers: group.handlers,
    catalog,
    trust: root.trust,
    ledger,
    deadLetters,
    metrics,
    retry: { ...DEFAULT_RETRY_POLICY, ...root.retry, ...group.retry },
    logger,
  });
  return new ConsumerRunner({
    kafka: root.kafka,
    groupId: group.groupId,
    topics,
    processor,
    partitionsConsumedConcurrently: group.partitionsConsumedConcurrently ?? root.partitionsConsumedConcurrently ?? 4,
    sessionTimeoutMs: root.sessionTimeoutMs ?? 30_000,
    heartbeatIntervalMs: root.heartbeatIntervalMs ?? 3_000,
    logger,
    startAt: group.startAt,
  });
}

function checkEveryHandlerIsReachable(groupId: string, handlers: EventHandlerRegistry, topics: readonly ConsumedTopic[], catalog: EventCatalog): void {
  for (const handler of handlers.all()) {
    if (!topics.some((topic) => topic.visibility === handler.from && catalog.carries(topic, handler.type))) {
      throw new Error(`${handler.name} handles ${handler.type} from ${handler.from} topics, but group ${groupId} reads none that carries it`);
    }
  }
}
