import {
  createKafka,
  EventSigner,
  KafkaEventServer,
  loadEventSignerFile,
  loadLocalTrustStore,
  loadOrCreateEventSigner,
  loadTrustStoreFile,
  TrustStore,
} from '@naperj/messaging';
import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceConfig } from '../config/service-config';
import { KAFKA_CLIENT } from './kafka.tokens';
import { eventServerProvider } from './event-transport';
import { TopicProvisioner } from './topic.provisioner';
import { TrustFileReloader } from './trust-file.reloader';

type Config = ConfigService<ServiceConfig, true>;

/**
 * The node's Kafka edge shared by every feature: the client, this node's event signer,
 * the federation's trust store, topic provisioning when something asks, and the event
 * transport of the service's `@EventPattern` handlers.
 */
@Global()
@Module({
  providers: [
    {
      provide: KAFKA_CLIENT,
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const logger = new Logger('kafkajs');
        return createKafka({
          ...config.get('kafka', { infer: true }),
          clientId: `${config.get('country', { infer: true })}-${config.get('service', { infer: true })}`,
          log: ({ level, namespace, message, details }) => logger[level === 'error' ? 'error' : 'warn']({ namespace, ...details }, message),
        });
      },
    },
    {
      provide: EventSigner,
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const { signingKeyFile } = config.get('events', { infer: true });
        return signingKeyFile
          ? loadEventSignerFile(signingKeyFile)
          : loadOrCreateEventSigner(config.get('auth', { infer: true }).secretsDir, config.get('country', { infer: true }));
      },
    },
    {
      provide: TrustStore,
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const { trustFile } = config.get('events', { infer: true });
        return trustFile
          ? loadTrustStoreFile(trustFile)
          : loadLocalTrustStore(config.get('auth', { infer: true }).secretsDir, [
              config.get('country', { infer: true }),
              ...config.get('peers', { infer: true }),
            ]);
      },
    },
    TopicProvisioner,
    TrustFileReloader,
    eventServerProvider,
  ],
  exports: [KAFKA_CLIENT, EventSigner, TrustStore, TopicProvisioner, KafkaEventServer],
})
export class KafkaModule {}
