import { EVENT_TYPES, type RemovalData } from '@naperj/contracts';
import {
  type CloudEvent,
  createKafka,
  type EventConsumerGroup,
  EventConsumerModule,
  type EventConsumerRootOptions,
  type EventContext,
  eventConsumerToken,
  OnEvent,
  RejectEvent,
  type RetryPolicy,
  type Subscription,
  type TrustStore,
} from '@naperj/messaging';
import { type DynamicModule, Inject, Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import type { Connection } from 'mongoose';
import { Registry } from 'prom-client';

/**
 * A consumer app as a service would build one, shared by the in-process tests and the
 * process that crash-recovery.spec.ts kills: one group, one version-guarded projection.
 */
export const WITHDRAWN = EVENT_TYPES.submissionWithdrawn;
export const GROUP = 'projection';

/** Hooks a test puts into the projection: slow it down, make it fail, crash after the effect. */
export interface HandlerScript {
  onInvoke?(event: CloudEvent<RemovalData>, context: EventContext): Promise<void> | void;
  afterEffect?(event: CloudEvent<RemovalData>): Promise<void> | void;
}

export interface Entity {
  _id: string;
  version: number;
  /** Every event id that changed the entity: an id twice means applied twice. */
  applied: string[];
}

export interface Invocation {
  groupId: string;
  eventId: string;
  version: number;
  attempt: number;
  traceId?: string;
  spanId?: string;
}

const DATABASE = Symbol('DATABASE');
const SCRIPT = Symbol('SCRIPT');

/** Version-guarded, so idempotent: each change is one single-document write. */
@Injectable()
export class WithdrawalProjection {
  constructor(
    @Inject(DATABASE) private readonly db: Connection,
    @Inject(SCRIPT) private readonly script: HandlerScript,
  ) {}

  @OnEvent(WITHDRAWN, { from: 'shared' })
  @OnEvent(WITHDRAWN, { from: 'private' })
  async onWithdrawn(event: CloudEvent<RemovalData>, context: EventContext): Promise<void> {
    const span = trace.getActiveSpan()?.spanContext();
    const invocation: Invocation = { groupId: context.groupId, eventId: event.id, version: event.data.version, attempt: context.attempt, traceId: span?.traceId, spanId: span?.spanId };
    await this.db.collection<Invocation>('invocations').insertOne(invocation);
    await this.script.onInvoke?.(event, context);
    if (await this.apply(event)) await this.script.afterEffect?.(event);
  }

  private async apply({ id, data }: CloudEvent<RemovalData>): Promise<boolean> {
    const entities = this.db.collection<Entity>('entities');
    const current = await entities.findOne({ _id: data.id });
    if (!current) {
      await entities.insertOne({ _id: data.id, version: data.version, applied: [id] });
      return true;
    }
    if (data.version < current.version) throw new RejectEvent(`version ${data.version} is older than the applied ${current.version}`);
    if (data.version === current.version) return false;
    await entities.updateOne({ _id: data.id, version: current.version }, { $set: { version: data.version }, $push: { applied: id } });
    return true;
  }
}

export interface ConsumerAppOptions {
  brokers: string[];
  connection: Connection;
  trust: TrustStore;
  subscriptions: Subscription[];
  deadLetterTopic: string;
  /** Group ids are `mx.submissions.<group>`. */
  group: string;
  script?: HandlerScript;
  retry?: Partial<RetryPolicy>;
  sessionTimeoutMs?: number;
  registry?: Registry;
}

export interface ConsumerApp {
  app: INestApplicationContext;
  consumer: EventConsumerGroup;
  registry: Registry;
}

export async function startConsumerApp(options: ConsumerAppOptions): Promise<ConsumerApp> {
  const registry = options.registry ?? new Registry();
  const root: EventConsumerRootOptions = {
    country: 'mx',
    service: 'submissions',
    peers: ['us', 'ca'],
    kafka: createKafka({ brokers: options.brokers, clientId: `consumer-test-${options.group}`, log: () => undefined }),
    connection: options.connection,
    trust: options.trust,
    registry,
    deadLetterTopic: options.deadLetterTopic,
    retry: options.retry,
    sessionTimeoutMs: options.sessionTimeoutMs,
  };
  const app = await NestFactory.createApplicationContext(projectionModule(root, options), { logger: ['error'] });
  return { app, consumer: app.get<EventConsumerGroup>(eventConsumerToken(options.group)), registry };
}

@Module({})
class ProjectionModule {}

function projectionModule(root: EventConsumerRootOptions, options: ConsumerAppOptions): DynamicModule {
  return {
    module: ProjectionModule,
    imports: [
      EventConsumerModule.forRootAsync({ useFactory: () => root }),
      EventConsumerModule.forFeature({ group: options.group, subscriptions: options.subscriptions, handlers: [WithdrawalProjection] }),
    ],
    providers: [{ provide: DATABASE, useValue: options.connection }, { provide: SCRIPT, useValue: options.script ?? {} }, WithdrawalProjection],
  };
}
