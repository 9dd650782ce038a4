import { type CountryCode, dlqTopic, redriveTopic, type ServiceName } from '@naperj/contracts';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import { isObservable, lastValueFrom } from 'rxjs';
import type { TrustStore } from '../envelope/event-signature';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/backoff';
import { ConsumedEventLedger } from './consumed-event.ledger';
import { type ConsumedTopic, type HandlerSource, topicsFor } from './consumed-topic';
import { ConsumerMetrics } from './consumer.metrics';
import { ConsumerRunner } from './consumer.runner';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { ParkedEventRedriver, RedriveProcessor, type RedriveTarget } from './dead-letter.redriver';
import { CONTRACTS_EVENT_CATALOG, type EventCatalog } from './event-catalog';
import { parseHandlerOptions, type EventHandlerOptions } from './event-handler.options';
import { type HandlerLookup, MessageProcessor, type RegisteredHandler } from './message.processor';

export interface KafkaEventServerOptions {
  country: CountryCode;
  service: ServiceName;
  /** The partner countries whose shared topics `from: 'shared'` handlers read. */
  peers: readonly CountryCode[];
  kafka: Kafka;
  /** The service's database, which keeps the ledger of applied events (`consumed_events`). */
  connection: Connection;
  /** The partners' public keys that shared events are verified with. */
  trust: TrustStore;
  /** Where the `naperj_consumer_*` counters are registered. */
  registry: Registry;
  /** Creates the node's topics before a group joins; Kafka must not create them by accident. */
  provisionTopics?: () => Promise<void>;
  /** The contracts' event catalogue unless given. */
  catalog?: EventCatalog;
  /** `<cc>.<service>.dlq.v1` unless given. */
  deadLetterTopic?: string;
  /**
   * Where dead letters come back to be processed again: `<cc>.<service>.redrive.v1` unless
   * `deadLetterTopic` is given, and then none unless given too.
   */
  redriveTopic?: string;
  /** Topics a group reads instead of those its handlers name, e.g. a test's own topics. */
  topics?: Readonly<Record<string, readonly ConsumedTopic[]>>;
  /** 5 tries, 200 ms doubling up to 5 s, unless given. */
  retry?: Partial<RetryPolicy>;
  /** 4 unless given: partitions processed at once, so a slow one does not hold up the others. */
  partitionsConsumedConcurrently?: number;
  /** 30 s unless given; the broker accepts 6 s at least. */
  sessionTimeoutMs?: number;
  /** 3 s unless given. */
  heartbeatIntervalMs?: number;
}

/** A consumer group that is running: its Kafka id, and how to wait for it or stop it. */
export interface RunningConsumerGroup {
  /** `<cc>.<service>.<group>`, with `-<instance>` when started on demand. */
  readonly groupId: string;
  /** Resolves once the group has joined Kafka and got its partitions. */
  whenRunning(): Promise<void>;
  /** Lets the messages in flight finish and commit, then leaves the group. */
  stop(): Promise<void>;
}

export interface StartGroupOptions {
  /** Names this run: the Kafka group id becomes `<cc>.<service>.<group>-<instance>`. */
  instance: string;
  /** Where the group starts the first time it runs: every topic's first offset kept (the default), or its end. */
  startAt?: 'earliest' | 'latest';
}

/** The handlers of one group, as `@EventPattern` methods declared them. */
class ConsumerGroupHandlers implements HandlerLookup {
  private readonly byKey = new Map<string, RegisteredHandler>();
  readonly topics = new Map<string, ConsumedTopic>();

  constructor(
    readonly name: string,
    readonly start: Required<EventHandlerOptions>['start'],
  ) {}

  add(type: string, from: HandlerSource, handler: RegisteredHandler, topics: readonly ConsumedTopic[]): void {
    const key = `${from} ${type}`;
    if (this.byKey.has(key)) throw new Error(`Group ${this.name} has two handlers of ${type} from ${from} topics`);
    this.byKey.set(key, handler);
    for (const topic of topics) this.topics.set(topic.name, topic);
  }

  find(from: HandlerSource, type: string): RegisteredHandler | undefined {
    return this.byKey.get(`${from} ${type}`);
  }
}

/**
 * naperj's Nest microservice transport: runs the `@EventPattern(type, { group, from })`
 * methods of `@Controller()` classes, one Kafka consumer group per `group`, reading the
 * topics the contracts name for each type. Each message is checked (envelope, signature
 * and origin on shared topics, catalogue, payload), applied once through Nest's pipeline
 * (pipes, interceptors, exception filters) and committed after its effect, or sent to the
 * dead-letter topic with its reason; the partition moves on either way.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  /** The transport awaits every handler and dead-letters its failures itself. */
  override readonly propagatesEventHandlerErrors = true;
  private readonly groups = new Map<string, ConsumerGroupHandlers>();
  private readonly running = new Map<string, RunningConsumerGroup>();
  private readonly listening: Promise<void>;
  private markListening!: () => void;
  private readonly ledger: ConsumedEventLedger;
  private readonly metrics: ConsumerMetrics;
  private deadLetters?: DeadLetterPublisher;
  /** The groups running in this process, by group id: where a re-driven dead letter goes. */
  private readonly redriveTargets = new Map<string, RedriveTarget>();
  private redrives?: { runner: ConsumerRunner; publisher: DeadLetterPublisher; parked: ParkedEventRedriver; stopWatching: () => void };
  private closed = false;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.listening = new Promise((resolve) => (this.markListening = resolve));
    this.ledger = new ConsumedEventLedger(options.connection);
    this.metrics = new ConsumerMetrics(options.registry);
  }

  /** Called by Nest for each pattern of each `@EventPattern` method when the transport connects. */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) throw new Error(`KafkaEventServer carries events only: ${JSON.stringify(pattern)} needs @EventPattern, not @MessagePattern`);
    const { group, from, origins, start, idempotent } = parseHandlerOptions(pattern, extras);
    const type = pattern as string;
    let handlers = this.groups.get(group);
    if (!handlers) this.groups.set(group, (handlers = new ConsumerGroupHandlers(group, start)));
    if (handlers.start !== start) throw new Error(`Group ${group} is started both on bootstrap and on demand: give every handler of a group the same start`);
    const topics = this.options.topics?.[group]?.filter((topic) => topic.from === from) ?? topicsFor(type, from, origins, this.options);
    handlers.add(type, from, { name: `${group}: ${type} from ${from}`, idempotent, handle: (payload, context) => settle(callback(payload, context)) }, topics);
  }

  /** Starts every group that runs on bootstrap; Nest calls it from `startAllMicroservices()`. */
  listen(callback: () => void): void {
    for (const group of this.groups.values()) {
      if (group.start === 'on-bootstrap') this.run(group, this.groupId(group.name));
    }
    this.markListening();
    callback();
  }

  /** The Kafka group id of `group` on this node and service, and of an instance of it. */
  groupId(group: string, instance?: string): string {
    return `${this.options.country}.${this.options.service}.${group}${instance === undefined ? '' : `-${instance}`}`;
  }

  /** The topics a group reads. */
  topicsOf(group: string): string[] {
    return [...this.handlersOf(group).topics.keys()];
  }

  /** A group that runs on bootstrap, once started. */
  async group(group: string): Promise<RunningConsumerGroup> {
    await this.listening;
    const running = this.running.get(this.groupId(group));
    if (!running) throw new Error(`Group ${group} does not run on bootstrap`);
    return running;
  }

  /**
   * Starts an instance of a group declared `start: 'on-demand'`, e.g. one per generation of a
   * read model; it runs until stopped or until the transport closes.
   */
  async startGroup(group: string, { instance, startAt }: StartGroupOptions): Promise<RunningConsumerGroup> {
    await this.listening;
    if (this.closed) throw new Error(`The event transport has closed: ${group} does not start`);
    const handlers = this.handlersOf(group);
    if (handlers.start !== 'on-demand') throw new Error(`Group ${group} runs on bootstrap; only an on-demand group is started by hand`);
    const groupId = this.groupId(group, instance);
    if (this.running.has(groupId)) throw new Error(`${groupId} is running already`);
    return this.run(handlers, groupId, instance, startAt);
  }

  /**
   * Re-drives the dead letters parked for an unknown signing key that the trust store now
   * knows; runs by itself whenever the trust store is reloaded. Resolves with how many.
   */
  redriveParked(): Promise<number> {
    return this.redrives?.parked.redrive() ?? Promise.resolve(0);
  }

  /** Lets every group finish what it has in flight and leave, then closes the dead-letter producer. */
  async close(): Promise<void> {
    this.closed = true;
    this.redrives?.stopWatching();
    await this.redrives?.runner.stop();
    await Promise.all([...this.running.values()].map((group) => group.stop()));
    await this.redrives?.parked.settled();
    await this.redrives?.publisher.close();
    await this.deadLetters?.close();
  }

  on(): never {
    throw new Error('KafkaEventServer reports nothing through on(): its consumer groups log what happens to them');
  }

  unwrap<T>(): T {
    return this.options.kafka as T;
  }

  private handlersOf(group: string): ConsumerGroupHandlers {
    const handlers = this.groups.get(group);
    if (!handlers) throw new Error(`No @EventPattern handler names group ${group}`);
    return handlers;
  }

  private run(handlers: ConsumerGroupHandlers, groupId: string, instance?: string, startAt?: 'earliest' | 'latest'): RunningConsumerGroup {
    const { kafka, trust, catalog = CONTRACTS_EVENT_CATALOG } = this.options;
    const logger = new Logger(`Events ${groupId}`);
    const topics = [...handlers.topics.values()];
    const processor = new MessageProcessor({
      groupId,
      instance,
      handlers,
      catalog,
      trust,
      ledger: this.ledger,
      deadLetters: this.deadLetterPublisher(),
      metrics: this.metrics,
      retry: { ...DEFAULT_RETRY_POLICY, ...this.options.retry },
      logger,
    });
    const runner = new ConsumerRunner({
      kafka,
      groupId,
      topics,
      processor,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 3_000,
      logger,
      startAt,
      provision: this.options.provisionTopics,
      metrics: this.metrics,
    });
    runner.start();
    this.redriveTargets.set(groupId, { processor, topics: handlers.topics });
    if (!this.redrives) this.startRedrives();
    const running: RunningConsumerGroup = {
      groupId,
      whenRunning: () => runner.whenRunning(),
      stop: async () => {
        this.running.delete(groupId);
        this.redriveTargets.delete(groupId);
        await runner.stop();
      },
    };
    this.running.set(groupId, running);
    return running;
  }

  /**
   * Runs the service's re-drive group, `<cc>.<service>.redrive`, with the first group that
   * runs: it hands each re-driven dead letter to the group that refused it. Parked events are
   * re-driven on each reload of the trust store.
   */
  private startRedrives(): void {
    const { kafka, connection, trust, country, service, deadLetterTopic } = this.options;
    const topic = this.options.redriveTopic ?? (deadLetterTopic === undefined ? redriveTopic(country, service) : undefined);
    if (topic === undefined) return;
    const groupId = `${country}.${service}.redrive`;
    const logger = new Logger(`Events ${groupId}`);
    const runner = new ConsumerRunner({
      kafka,
      groupId,
      topics: [{ name: topic, origin: country, from: 'dead-letters', stream: service }],
      processor: new RedriveProcessor((group) => this.redriveTargets.get(group), logger),
      partitionsConsumedConcurrently: 1,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 3_000,
      logger,
      provision: this.options.provisionTopics,
    });
    runner.start();
    const publisher = new DeadLetterPublisher(kafka, topic);
    const parked = new ParkedEventRedriver({
      kafka,
      connection,
      deadLetterTopic: deadLetterTopic ?? dlqTopic(country, service),
      redrives: publisher,
      trust,
      groupPrefix: `${groupId}-scan`,
      logger,
    });
    const stopWatching = trust.onChange(() => void parked.redrive());
    this.redrives = { runner, publisher, parked, stopWatching };
  }

  /** Connects to Kafka on the first dead letter only. */
  private deadLetterPublisher(): DeadLetterPublisher {
    const { kafka, deadLetterTopic, country, service } = this.options;
    this.deadLetters ??= new DeadLetterPublisher(kafka, deadLetterTopic ?? dlqTopic(country, service));
    return this.deadLetters;
  }
}

/** Waits for what Nest's handler returned: a value, a promise, or an observable the exception filter may have made fail. */
async function settle(result: Promise<unknown>): Promise<void> {
  const value = await result;
  if (isObservable(value)) await lastValueFrom(value, { defaultValue: undefined });
}
