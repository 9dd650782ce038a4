import type { CountryCode, ServiceName } from '@naperj/contracts';
import type { FactoryProvider, ModuleMetadata, Type } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { TrustStore } from '../envelope/event-signature';
import type { Subscription } from './consumed-topic';
import type { EventCatalog } from './event-catalog';
import type { RetryPolicy } from './retry.schedule';

/** What every consumer group of a service shares; given once, by `EventConsumerModule.forRootAsync`. */
export interface EventConsumerRootOptions {
  country: CountryCode;
  service: ServiceName;
  /** The partner countries whose shared topics `{ shared }` subscriptions read. */
  peers: readonly CountryCode[];
  kafka: Kafka;
  /** The service's database, which keeps the ledger of applied events (`consumed_events`). */
  connection: Connection;
  /** The peers' public keys that shared events are verified with. */
  trust: TrustStore;
  /** The contracts' event catalogue unless given. */
  catalog?: EventCatalog;
  /** Where the `naperj_consumer_*` counters are registered. */
  registry: Registry;
  /** `<cc>.<service>.dlq.v1` unless given. */
  deadLetterTopic?: string;
  /** Defaults for every group: 5 tries, 200 ms doubling up to 5 s. */
  retry?: Partial<RetryPolicy>;
  /** Defaults for every group: 4. */
  partitionsConsumedConcurrently?: number;
  /** 30 s unless given; the broker accepts 6 s at least. */
  sessionTimeoutMs?: number;
  /** 3 s unless given. */
  heartbeatIntervalMs?: number;
}

export interface EventConsumerRootAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => EventConsumerRootOptions | Promise<EventConsumerRootOptions>;
}

/** One consumer group, given by `EventConsumerModule.forFeature`. */
export interface EventConsumerGroupOptions {
  /** Kebab-case; the Kafka group id is `<cc>.<service>.<group>`, e.g. `mx.submissions.catalog`. */
  group: string;
  /** The topics the group reads, named through the contracts. */
  subscriptions: readonly Subscription[];
  /** Provider classes whose `@OnEvent` methods this group runs; each provided by one module. */
  handlers: readonly Type[];
  retry?: Partial<RetryPolicy>;
  partitionsConsumedConcurrently?: number;
  /** Where the group starts the first time it runs: every topic's first offset kept (the default), or its end. */
  startAt?: 'earliest' | 'latest';
}

export const EVENT_CONSUMER_ROOT_OPTIONS = Symbol('EVENT_CONSUMER_ROOT_OPTIONS');
export const EVENT_CONSUMER_GROUP_OPTIONS = Symbol('EVENT_CONSUMER_GROUP_OPTIONS');

/** The injection token of a group's `EventConsumerGroup`, e.g. for readiness checks. */
export function eventConsumerToken(group: string): string {
  return `naperj:event-consumer:${group}`;
}
