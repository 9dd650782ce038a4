export { type ConsumedTopic, type Subscription, subscribedTopics, type TopicScope } from './consumed-topic';
export { ConsumedEventLedger } from './consumed-event.ledger';
export { ConsumerRunner, type ConsumerRunnerOptions } from './consumer.runner';
export { type ConsumedRecord, DLQ_HEADERS, type DeadLetterKind } from './dead-letter.publisher';
export { CONTRACTS_EVENT_CATALOG, type EventCatalog, type EventDataCheck } from './event-catalog';
export { EventConsumerGroup } from './event-consumer.group';
export { EventConsumerGroups, type RuntimeConsumerGroupOptions, type StartedConsumerGroup } from './event-consumer.groups';
export { EventConsumerModule } from './event-consumer.module';
export {
  type EventConsumerGroupOptions,
  type EventConsumerRootAsyncOptions,
  type EventConsumerRootOptions,
  eventConsumerToken,
} from './event-consumer.options';
export { type EventContext, type EventHandler, RejectEvent } from './event-context';
export { type ProcessOutcome } from './message.processor';
export { type EventHandlerMethod, OnEvent, type OnEventOptions } from './on-event.decorator';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.schedule';
