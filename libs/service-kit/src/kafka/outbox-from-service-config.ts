import { EventSigner, type OutboxModuleOptions } from '@naperj/messaging';
import { ConfigService } from '@nestjs/config';
import type { ServiceConfig } from '../config/service-config';
import { MetricsRegistry } from '../metrics';
import { TopicProvisioner } from './topic.provisioner';

/**
 * The options of `OutboxModule.forRootAsync` from the kit's configuration, signer, metrics and
 * topic provisioning: a service that publishes imports `OutboxModule.forRootAsync(outboxFromServiceConfig)`;
 * one that does not starts no relay.
 */
export const outboxFromServiceConfig: OutboxModuleOptions = {
  inject: [ConfigService, EventSigner, MetricsRegistry, TopicProvisioner],
  useFactory: (config: ConfigService<ServiceConfig, true>, signer: EventSigner, metrics: MetricsRegistry, topics: TopicProvisioner) => {
    const { brokers, ...kafkaSecurity } = config.get('kafka', { infer: true });
    return {
      country: config.get('country', { infer: true }),
      service: config.get('service', { infer: true }),
      brokers,
      kafkaSecurity,
      signer,
      registry: metrics.registry,
      provisionTopics: () => topics.provision(),
    };
  },
};
