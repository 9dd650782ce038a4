import { EventSigner, OutboxModule } from '@naperj/messaging';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceConfig } from '../config/service-config';
import { MetricsRegistry } from '../metrics';

/**
 * The service's event store and outbox relay, from the kit's configuration, signer and
 * metrics: a use case injects `EventStore` and appends; the relay publishes.
 */
@Module({
  imports: [
    OutboxModule.forRootAsync({
      inject: [ConfigService, EventSigner, MetricsRegistry],
      useFactory: (config: ConfigService<ServiceConfig, true>, signer: EventSigner, metrics: MetricsRegistry) => ({
        country: config.get('country', { infer: true }),
        service: config.get('service', { infer: true }),
        brokers: config.get('kafka', { infer: true }).brokers,
        signer,
        registry: metrics.registry,
      }),
    }),
  ],
})
export class EventOutboxModule {}
