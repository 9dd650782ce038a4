import { EventConsumerModule, TrustStore } from '@naperj/messaging';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { ServiceConfig } from '../config/service-config';
import { MetricsRegistry } from '../metrics';
import { KAFKA_CLIENT } from './kafka.tokens';

/**
 * The consumer runtime's shared part, from the kit's configuration, database, Kafka client,
 * trust store and metrics; features add their groups with `EventConsumerModule.forFeature`.
 */
@Module({
  imports: [
    EventConsumerModule.forRootAsync({
      inject: [ConfigService, KAFKA_CLIENT, getConnectionToken(), TrustStore, MetricsRegistry],
      useFactory: (config: ConfigService<ServiceConfig, true>, kafka: Kafka, connection: Connection, trust: TrustStore, metrics: MetricsRegistry) => ({
        country: config.get('country', { infer: true }),
        service: config.get('service', { infer: true }),
        peers: config.get('peers', { infer: true }),
        kafka,
        connection,
        trust,
        registry: metrics.registry,
      }),
    }),
  ],
})
export class EventConsumersModule {}
