import { KafkaEventServer, TrustStore } from '@naperj/messaging';
import type { FactoryProvider, INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CustomStrategy } from '@nestjs/microservices';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { ServiceConfig } from '../config/service-config';
import { MetricsRegistry } from '../metrics';
import { KAFKA_CLIENT } from './kafka.tokens';
import { TopicProvisioner } from './topic.provisioner';

/** The service's event transport, from the kit's configuration; it connects to nothing until a group starts. */
export const eventServerProvider: FactoryProvider<KafkaEventServer> = {
  provide: KafkaEventServer,
  inject: [ConfigService, KAFKA_CLIENT, getConnectionToken(), TrustStore, MetricsRegistry, TopicProvisioner],
  useFactory: (
    config: ConfigService<ServiceConfig, true>,
    kafka: Kafka,
    connection: Connection,
    trust: TrustStore,
    metrics: MetricsRegistry,
    topics: TopicProvisioner,
  ) =>
    new KafkaEventServer({
      country: config.get('country', { infer: true }),
      service: config.get('service', { infer: true }),
      peers: config.get('peers', { infer: true }),
      kafka,
      connection,
      trust,
      registry: metrics.registry,
      provisionTopics: () => topics.provision(),
    }),
};

/**
 * Connects the `@EventPattern` handlers to Kafka: the app's global pipes, interceptors,
 * guards and exception filters apply to events too, and the groups that run on bootstrap
 * start. A service without event handlers starts no consumer.
 */
export async function startEventTransport(app: INestApplication): Promise<void> {
  app.connectMicroservice<CustomStrategy>({ strategy: app.get(KafkaEventServer) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
