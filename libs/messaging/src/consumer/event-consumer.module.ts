import { dlqTopic } from '@naperj/contracts';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConsumedEventLedger } from './consumed-event.ledger';
import { ConsumerMetrics } from './consumer.metrics';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { EventConsumerGroup } from './event-consumer.group';
import { EventConsumerGroups } from './event-consumer.groups';
import {
  EVENT_CONSUMER_GROUP_OPTIONS,
  EVENT_CONSUMER_ROOT_OPTIONS,
  type EventConsumerGroupOptions,
  type EventConsumerRootAsyncOptions,
  type EventConsumerRootOptions,
  eventConsumerToken,
} from './event-consumer.options';

/**
 * naperj's consumer runtime, in place of the NestJS Kafka transport: `forRootAsync` once per
 * service (Kafka, database, trust, catalogue, metrics), `forFeature` per consumer group in
 * the feature module that provides the group's handlers, and `EventConsumerGroups` for
 * groups whose name is decided at run time.
 */
@Module({})
export class EventConsumerModule {
  static forRootAsync({ imports = [], inject = [], useFactory }: EventConsumerRootAsyncOptions): DynamicModule {
    const fromRoot = <T>(build: (options: EventConsumerRootOptions) => T) => ({ inject: [EVENT_CONSUMER_ROOT_OPTIONS], useFactory: build });
    return {
      module: EventConsumerModule,
      global: true,
      imports,
      providers: [
        { provide: EVENT_CONSUMER_ROOT_OPTIONS, inject, useFactory },
        {
          provide: DeadLetterPublisher,
          ...fromRoot((options) => new DeadLetterPublisher(options.kafka, options.deadLetterTopic ?? dlqTopic(options.country, options.service))),
        },
        { provide: ConsumedEventLedger, ...fromRoot((options) => new ConsumedEventLedger(options.connection)) },
        { provide: ConsumerMetrics, ...fromRoot((options) => new ConsumerMetrics(options.registry)) },
        EventConsumerGroups,
      ],
      exports: [EVENT_CONSUMER_ROOT_OPTIONS, DeadLetterPublisher, ConsumedEventLedger, ConsumerMetrics, EventConsumerGroups],
    };
  }

  static forFeature(options: EventConsumerGroupOptions): DynamicModule {
    const token = eventConsumerToken(options.group);
    return {
      module: EventConsumerModule,
      imports: [DiscoveryModule],
      providers: [{ provide: EVENT_CONSUMER_GROUP_OPTIONS, useValue: options }, EventConsumerGroup, { provide: token, useExisting: EventConsumerGroup }],
      exports: [token],
    };
  }
}
