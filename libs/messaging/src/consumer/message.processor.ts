import type { LoggerService } from '@nestjs/common';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudEvent } from '../envelope/cloud-event';
import type { TrustStore } from '../envelope/event-signature';
import { fromKafkaMessage } from '../envelope/kafka-binding';
import { utf8Text } from '../envelope/kafka-headers';
import { sharedEventRejection, signedWithUnknownKey } from '../envelope/verify-shared-event';
import { backoffDelay, retriesLeft, type RetryPolicy } from '../retry/backoff';
import type { ConsumedEventLedger } from './consumed-event.ledger';
import { DEAD_LETTER_RECORD, type HandlerSource, visibilityOf } from './consumed-topic';
import type { ConsumerMetrics } from './consumer.metrics';
import { inConsumerSpan } from './consumer.trace';
import {
  type ConsumedRecord,
  type DeadLetter,
  type DeadLetterKind,
  deadLetterMessage,
  type DeadLetterPublisher,
  readDeadLetterRecord,
} from './dead-letter.publisher';
import { classificationMismatch, type EventCatalog, type EventDataCheck } from './event-catalog';
import { type EventContext, rejectionOf } from './event-context';
import { InfrastructureError, isInfrastructureOutage } from './infrastructure-outage';

/**
 * What became of a message. Every outcome but `abandoned` means its effect or its DLQ record
 * is stored, so its offset may be committed; `abandoned` (the consumer is stopping) must not
 * be committed, and the message is read again by whoever owns the partition next.
 */
export type ProcessOutcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered' | 'abandoned';

/** One handler of a group: Nest's handler of an `@EventPattern` method, or a test's. */
export interface RegisteredHandler {
  /** For logs: the group and the pattern. */
  name: string;
  /** Exact under redelivery by itself: the consumed-event ledger is neither checked nor written for it. */
  idempotent?: boolean;
  /** Resolves once the handler and everything Nest runs around it is done; rejects with what the exception filter made of an error. */
  handle(payload: unknown, context: EventContext): Promise<void>;
}

/** The handlers of one consumer group, by source and event type. */
export interface HandlerLookup {
  find(from: HandlerSource, type: string): RegisteredHandler | undefined;
}

export interface MessageProcessorOptions {
  groupId: string;
  /** The instance of a group started on demand. */
  instance?: string;
  handlers: HandlerLookup;
  catalog: EventCatalog;
  trust: TrustStore;
  ledger: Pick<ConsumedEventLedger, 'has' | 'record'>;
  deadLetters: Pick<DeadLetterPublisher, 'publish'>;
  metrics: ConsumerMetrics;
  retry: RetryPolicy;
  logger: Pick<LoggerService, 'warn' | 'error'>;
  /** Waits between tries; false when `signal` aborted first. */
  pause?: (ms: number, signal: AbortSignal) => Promise<boolean>;
}

/** An event, or a dead-letter record, ready for its handler. */
interface Delivery {
  handler: RegisteredHandler;
  payload: unknown;
  /** The context less the try's number. */
  context: Omit<EventContext, 'attempt'>;
}

type Verdict = { kind: 'skip' } | { kind: 'dead-letter'; failure: DeadLetter; event?: CloudEvent } | { kind: 'apply'; delivery: Delivery };

/** One consumer group's way with a message: check it, apply it once, or dead-letter it. */
export class MessageProcessor {
  private readonly pause: (ms: number, signal: AbortSignal) => Promise<boolean>;

  constructor(private readonly options: MessageProcessorOptions) {
    this.pause = options.pause ?? abortablePause;
  }

  /** Never throws for a bad event; `stopping` cuts retries short (`abandoned`). */
  process(record: ConsumedRecord, stopping: AbortSignal): Promise<ProcessOutcome> {
    this.options.metrics.received(record.topic);
    return inConsumerSpan(record, this.options.groupId, async (span) => {
      const outcome = await this.decide(record, span, stopping);
      span.setAttribute('naperj.consumer.outcome', outcome);
      return outcome;
    });
  }

  private async decide(record: ConsumedRecord, span: Span, stopping: AbortSignal): Promise<ProcessOutcome> {
    const verdict = this.verdictOf(record);
    if (verdict.kind === 'skip') return 'skipped';
    if (verdict.kind === 'apply')
      span.setAttributes({ 'cloudevents.event_id': verdict.delivery.context.id, 'cloudevents.event_type': verdict.delivery.context.type });
    else if (verdict.event) span.setAttributes({ 'cloudevents.event_id': verdict.event.id, 'cloudevents.event_type': verdict.event.type });
    const result = verdict.kind === 'apply' ? await this.apply(record, verdict.delivery, stopping) : verdict.failure;
    if (typeof result === 'string') return result;
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${result.kind}: ${result.reason}` });
    return this.deadLetter(record, result, stopping);
  }

  /** Never throws: a check that fails unexpectedly dead-letters the record, which would otherwise hold up its partition. */
  private verdictOf(record: ConsumedRecord): Verdict {
    try {
      return record.topic.from === 'dead-letters' ? this.examineDeadLetter(record) : this.examine(record);
    } catch (error) {
      return deadLetter('undecodable', `the record could not be checked: ${messageOf(error)}`);
    }
  }

  /** The checks that need no database: a message that fails one is never retried. */
  private examine(record: ConsumedRecord): Verdict {
    const { topic, message } = record;
    // A tombstone follows a withdrawal or erasure so that compaction drops the entity;
    // the event before it carried the change. Without a key it drops nothing.
    if (message.value === null) {
      if (message.key === null || message.key.length === 0) return deadLetter('undecodable', 'a tombstone without a key');
      return utf8Text(message.key) === undefined ? deadLetter('undecodable', 'a tombstone whose key is not valid UTF-8') : { kind: 'skip' };
    }
    const decoded = fromKafkaMessage(message);
    if (!decoded.ok) return deadLetter('undecodable', decoded.reason);
    const { event } = decoded.decoded;
    const visibility = visibilityOf(topic.from);
    if (visibility === 'shared') {
      const rejection = sharedEventRejection(decoded.decoded, topic.origin, this.options.trust);
      if (rejection) {
        this.options.metrics.signatureFailed(topic);
        // Parked rather than refused: a reload of the trust file that names the key re-drives it.
        const kind = signedWithUnknownKey(decoded.decoded, topic.origin, this.options.trust) ? 'unknown-key' : 'untrusted';
        return deadLetter(kind, rejection, event);
      }
    }
    if (!this.options.catalog.carries(topic, event.type)) {
      return deadLetter('unknown-type', `${event.type} is not an event type of ${topic.name}`, event);
    }
    const mismatch = classificationMismatch(visibility, event.dataclassification);
    if (mismatch) return deadLetter('invalid', mismatch, event);
    const handler = this.options.handlers.find(topic.from, event.type);
    if (!handler) return { kind: 'skip' };
    const check = this.validate(event, topic.from);
    if (!check.ok) return deadLetter('invalid', `invalid ${event.type} data: ${check.errors.join('; ')}`, event);
    // The handler gets the data as the payload class reads it.
    return { kind: 'apply', delivery: { handler, payload: check.value, context: this.contextOf(record, event, check.value) } };
  }

  /** A dead-letter topic's record goes to its handler with what its headers say. */
  private examineDeadLetter(record: ConsumedRecord): Verdict {
    const handler = this.options.handlers.find('dead-letters', DEAD_LETTER_RECORD);
    if (!handler) return { kind: 'skip' };
    const payload = readDeadLetterRecord(record);
    const { topic, partition, message } = record;
    const context = {
      ...this.positionOf(record),
      id: `${topic.name}:${partition}:${message.offset}`,
      type: DEAD_LETTER_RECORD,
      source: topic.origin,
      subject: utf8Text(message.key) ?? '',
      version: undefined,
      time: payload.failedAt,
      classification: 'internal' as const,
    };
    return { kind: 'apply', delivery: { handler, payload, context } };
  }

  private validate(event: CloudEvent, from: HandlerSource): EventDataCheck {
    try {
      return this.options.catalog.validate(event.type, visibilityOf(from), event.data);
    } catch (error) {
      return { ok: false, errors: [`the validator failed: ${messageOf(error)}`] };
    }
  }

  /** Runs the handler until it succeeds, rejects the event or runs out of retries. */
  private async apply(record: ConsumedRecord, delivery: Delivery, stopping: AbortSignal): Promise<ProcessOutcome | DeadLetter> {
    const { retry, logger } = this.options;
    let failures = 0;
    let outages = 0;
    for (;;) {
      try {
        return await this.applyOnce(record, delivery, failures + 1);
      } catch (error) {
        if (stopping.aborted) return 'abandoned';
        const rejection = rejectionOf(error);
        if (rejection) return { kind: 'rejected', reason: rejection.reason };
        const outage = error instanceof InfrastructureError || isInfrastructureOutage(error);
        if (!outage && !retriesLeft(++failures, retry)) {
          return { kind: 'failed', reason: `${delivery.handler.name} failed ${failures} times, last: ${messageOf(error)}` };
        }
        const delayMs = outage ? backoffDelay(++outages, retry) : backoffDelay(failures, retry);
        logger.warn(`${where(record)} ${delivery.context.type} ${delivery.context.id}: ${messageOf(error)}; trying again in ${delayMs} ms`);
        if (!(await this.pause(delayMs, stopping))) return 'abandoned';
      }
    }
  }

  private async applyOnce(record: ConsumedRecord, { handler, payload, context }: Delivery, attempt: number): Promise<ProcessOutcome> {
    const { ledger, groupId, metrics } = this.options;
    if (!handler.idempotent && (await infrastructure('ledger lookup', () => ledger.has(groupId, context)))) return 'duplicate';
    await handler.handle(payload, { ...context, attempt });
    if (!handler.idempotent) await infrastructure('ledger entry', () => ledger.record(groupId, context, record));
    metrics.processed(record.topic, context.type);
    return 'applied';
  }

  /** Publishes to the DLQ, retrying for as long as Kafka refuses: the message must not be lost. */
  private async deadLetter(record: ConsumedRecord, failure: DeadLetter, stopping: AbortSignal): Promise<ProcessOutcome> {
    const { deadLetters, groupId, metrics, retry, logger } = this.options;
    const message = deadLetterMessage(record, failure, groupId, new Date());
    for (let failures = 1; ; failures++) {
      try {
        await deadLetters.publish(message);
        break;
      } catch (error) {
        logger.error(`${where(record)}: could not write to the DLQ: ${messageOf(error)}`);
        if (!(await this.pause(backoffDelay(failures, retry), stopping))) return 'abandoned';
      }
    }
    metrics.deadLettered(record.topic, failure.kind);
    logger.warn(`${where(record)} dead-lettered (${failure.kind}): ${failure.reason}`);
    return 'dead-lettered';
  }

  private contextOf(record: ConsumedRecord, event: CloudEvent, payload: unknown): Omit<EventContext, 'attempt'> {
    const version = (payload as { version?: unknown }).version;
    return {
      ...this.positionOf(record),
      id: event.id,
      type: event.type,
      source: record.topic.origin,
      subject: event.subject,
      version: typeof version === 'number' ? version : undefined,
      time: event.time,
      classification: event.dataclassification,
    };
  }

  private positionOf({
    topic,
    partition,
    message,
  }: ConsumedRecord): Pick<EventContext, 'topic' | 'visibility' | 'partition' | 'offset' | 'groupId' | 'instance'> {
    return {
      topic: topic.name,
      visibility: visibilityOf(topic.from),
      partition,
      offset: message.offset,
      groupId: this.options.groupId,
      instance: this.options.instance,
    };
  }
}

function deadLetter(kind: DeadLetterKind, reason: string, event?: CloudEvent): Verdict {
  return { kind: 'dead-letter', failure: { kind, reason }, event };
}

async function infrastructure<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new InfrastructureError(what, error);
  }
}

async function abortablePause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function where({ topic, partition, message }: ConsumedRecord): string {
  return `${topic.name}[${partition}]@${message.offset}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
