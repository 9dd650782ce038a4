import { EVENT_TYPES, type RemovalData } from '@naperj/contracts';
import {
  type ConsumedTopic,
  createKafka,
  type EventContext,
  EventExceptionFilter,
  EventPattern,
  KafkaEventServer,
  RejectEvent,
  type RetryPolicy,
  type RunningConsumerGroup,
  type TrustStore,
} from '@naperj/messaging';
import { Controller, Inject, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { trace } from '@opentelemetry/api';
import type { Connection } from 'mongoose';
import { Registry } from 'prom-client';

/**
 * A consumer app as a service would build one, shared by the in-process tests and the
 * process that crash-recovery.spec.ts kills: one group, one version-guarded projection. The
 * group is started on demand, under each test's instance name, so tests never share offsets.
 */
export const WITHDRAWN = EVENT_TYPES.submissionWithdrawn;
export const GROUP = 'projection';

/** The Kafka group id of the test app started as `instance`. */
export function groupIdOf(instance: string): string {
  return `mx.submissions.${GROUP}-${instance}`;
}

const DATABASE = Symbol('DATABASE');
const SCRIPT = Symbol('SCRIPT');

/** Hooks a test puts into the projection: slow it down, make it fail, crash after the effect. */
export interface HandlerScript {
  onInvoke?(data: RemovalData, event: EventContext): Promise<void> | void;
  afterEffect?(event: EventContext): Promise<void> | void;
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

/** Version-guarded, so idempotent: each change is one single-document write. */
@Controller()
export class WithdrawalProjection {
  constructor(
    @Inject(DATABASE) private readonly db: Connection,
    @Inject(SCRIPT) private readonly script: HandlerScript,
  ) {}

  @EventPattern(WITHDRAWN, { group: GROUP, from: 'shared', start: 'on-demand' })
  async fromShared(@Payload() data: RemovalData, @Ctx() event: EventContext): Promise<void> {
    await this.onWithdrawn(data, event);
  }

  @EventPattern(WITHDRAWN, { group: GROUP, from: 'own', start: 'on-demand' })
  async fromOwn(@Payload() data: RemovalData, @Ctx() event: EventContext): Promise<void> {
    await this.onWithdrawn(data, event);
  }

  private async onWithdrawn(data: RemovalData, event: EventContext): Promise<void> {
    const span = trace.getActiveSpan()?.spanContext();
    const invocation: Invocation = {
      groupId: event.groupId,
      eventId: event.id,
      version: data.version,
      attempt: event.attempt,
      traceId: span?.traceId,
      spanId: span?.spanId,
    };
    await this.db.collection<Invocation>('invocations').insertOne(invocation);
    await this.script.onInvoke?.(data, event);
    if (await this.apply(data, event)) await this.script.afterEffect?.(event);
  }

  private async apply(data: RemovalData, { id }: EventContext): Promise<boolean> {
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
  /** The topics the group reads: shared ones feed `fromShared`, private ones `fromOwn`. */
  topics: ConsumedTopic[];
  deadLetterTopic: string;
  /** Where dead letters come back to be processed again; none unless given. */
  redriveTopic?: string;
  /** The instance the group runs as: its group id is `groupIdOf(instance)`. */
  group: string;
  script?: HandlerScript;
  retry?: Partial<RetryPolicy>;
  sessionTimeoutMs?: number;
  registry?: Registry;
}

export interface ConsumerApp {
  app: INestMicroservice;
  server: KafkaEventServer;
  consumer: RunningConsumerGroup;
  registry: Registry;
}

export async function startConsumerApp(options: ConsumerAppOptions): Promise<ConsumerApp> {
  const registry = options.registry ?? new Registry();
  const server = new KafkaEventServer({
    country: 'mx',
    service: 'submissions',
    peers: ['us', 'ca'],
    kafka: createKafka({ brokers: options.brokers, clientId: `consumer-test-${options.group}`, log: () => undefined }),
    connection: options.connection,
    trust: options.trust,
    registry,
    deadLetterTopic: options.deadLetterTopic,
    redriveTopic: options.redriveTopic,
    topics: { [GROUP]: options.topics },
    retry: options.retry,
    sessionTimeoutMs: options.sessionTimeoutMs,
  });
  const app = await NestFactory.createMicroservice(projectionModule(options), { strategy: server, logger: ['error'] });
  app.useGlobalFilters(new EventExceptionFilter());
  await app.listen();
  return { app, server, consumer: await server.startGroup(GROUP, { instance: options.group }), registry };
}

@Module({})
class ProjectionModule {}

function projectionModule(options: ConsumerAppOptions) {
  return {
    module: ProjectionModule,
    controllers: [WithdrawalProjection],
    providers: [
      { provide: DATABASE, useValue: options.connection },
      { provide: SCRIPT, useValue: options.script ?? {} },
    ],
  };
}
