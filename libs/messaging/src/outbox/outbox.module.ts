import type { CountryCode, ServiceName } from '@naperj/contracts';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { EventSigner } from '../envelope/event-signature';
import type { KafkaSecurity } from '../kafka/create-kafka';
import { EventStore } from './event-store';
import { OutboxRelay, type RelayTuning } from './outbox.relay';

export interface OutboxOptions {
  country: CountryCode;
  service: ServiceName;
  brokers: string[];
  /** SASL/SCRAM and TLS, when the cluster asks for them. */
  kafkaSecurity?: KafkaSecurity;
  signer: EventSigner;
  /** Where the relay registers its metrics: the one `/metrics` serves. */
  registry: Registry;
  /** `<service>_events` by default. */
  collection?: string;
  tuning?: Partial<RelayTuning>;
  /** Creates the topics the relay writes to, in the background when the relay starts; it retries until they exist. */
  provisionTopics?: () => Promise<void>;
}

export interface OutboxModuleOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => OutboxOptions | Promise<OutboxOptions>;
  /** The @nestjs/mongoose connection holding the events; the default one when omitted. */
  connectionName?: string;
}

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

/**
 * The service's event store (injectable everywhere) and its outbox relay, which runs from
 * application bootstrap until shutdown begins, stopping before MongoDB's connection closes.
 */
@Module({})
export class OutboxModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxOptions,
  ) {}

  static forRootAsync({ imports = [], inject = [], useFactory, connectionName }: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      imports,
      providers: [
        { provide: OUTBOX_OPTIONS, inject, useFactory },
        {
          provide: EventStore,
          inject: [OUTBOX_OPTIONS, getConnectionToken(connectionName)],
          useFactory: ({ service, collection }: OutboxOptions, connection: Connection) => new EventStore({ connection, service, collection }),
        },
        {
          provide: OutboxRelay,
          inject: [OUTBOX_OPTIONS, EventStore],
          useFactory: ({ country, brokers, kafkaSecurity, signer, registry, tuning }: OutboxOptions, store: EventStore) =>
            new OutboxRelay({ store, country, brokers, kafkaSecurity, signer, registry, tuning }),
        },
      ],
      exports: [EventStore, OutboxRelay],
    };
  }

  onApplicationBootstrap(): void {
    // A failure is the provisioner's to log; the relay's own retries cover the wait.
    void this.options.provisionTopics?.().catch(() => undefined);
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
