import type { EventVisibility } from '@naperj/contracts';
import type { LoggerService } from '@nestjs/common';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudEvent } from '../envelope/cloud-event';
import type { TrustStore } from '../envelope/event-signature';
import { fromKafkaMessage } from '../envelope/kafka-binding';
import { sharedEventRejection } from '../envelope/verify-shared-event';
import type { ConsumedEventLedger } from './consumed-event.ledger';
import type { ConsumerMetrics } from './consumer.metrics';
import { inConsumerSpan } from './consumer.trace';
import { type ConsumedRecord, type DeadLetter, type DeadLetterKind, deadLetterMessage, type DeadLetterPublisher } from './dead-letter.publisher';
import { classificationMismatch, type EventCatalog, type EventDataCheck } from './event-catalog';
import { type EventContext, RejectEvent } from './event-context';
import type { EventHandlerRegistry, RegisteredHandler } from './handler.registry';
import { InfrastructureError, isInfrastructureOutage } from './infrastructure-outage';
import { retriesLeft, retryDelayMs, type RetryPolicy } from './retry.schedule';

/**
 * What became of a message. Every outcome but `abandoned` means its effect or its DLQ record
 * is stored, so its offset may be committed; `abandoned` (the consumer is stopping) must not
 * be committed, and the message is read again by whoever owns the partition next.
 */
export type ProcessOutcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered' | 'abandoned';

export interface MessageProcessorOptions {
  groupId: string;
  handlers: EventHandlerRegistry;
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

type Verdict =
  | { kind: 'skip' }
  | { kind: 'dead-letter'; failure: DeadLetter; event?: CloudEvent }
  | { kind: 'apply'; event: CloudEvent; handler: RegisteredHandler };

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
    const verdict = this.examine(record);
    if (verdict.kind === 'skip') return 'skipped';
    if (verdict.event) span.setAttributes({ 'cloudevents.event_id': verdict.event.id, 'cloudevents.event_type': verdict.event.type });
    const result = verdict.kind === 'apply' ? await this.apply(record, verdict.event, verdict.handler, stopping) : verdict.failure;
    if (typeof result === 'string') return result;
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${result.kind}: ${result.reason}` });
    return this.deadLetter(record, result, stopping);
  }

  /** The checks that need no database: a message that fails one is never retried. */
  private examine(record: ConsumedRecord): Verdict {
    const { topic, message } = record;
    // A tombstone follows a withdrawal or erasure so that compaction drops the entity;
    // the event before it carried the change.
    if (message.value === null) return { kind: 'skip' };
    const decoded = fromKafkaMessage(message);
    if (!decoded.ok) return deadLetter('undecodable', decoded.reason);
    const { event } = decoded.decoded;
    if (topic.visibility === 'shared') {
      const rejection = sharedEventRejection(decoded.decoded, topic.origin, this.options.trust);
      if (rejection) {
        this.options.metrics.signatureFailed(topic);
        return deadLetter('untrusted', rejection, event);
      }
    }
    if (!this.options.catalog.carries(topic, event.type)) {
      return deadLetter('unknown-type', `${event.type} is not an event type of ${topic.name}`, event);
    }
    const mismatch = classificationMismatch(topic.visibility, event.dataclassification);
    if (mismatch) return deadLetter('invalid', mismatch, event);
    const handler = this.options.handlers.find(topic.visibility, event.type);
    if (!handler) return { kind: 'skip' };
    const check = this.validate(event, topic.visibility);
    if (!check.ok) return deadLetter('invalid', `invalid ${event.type} data: ${check.errors.join('; ')}`, event);
    // The handler gets the data as the payload class reads it.
    return { kind: 'apply', event: { ...event, data: check.value }, handler };
  }

  private validate(event: CloudEvent, visibility: EventVisibility): EventDataCheck {
    try {
      return this.options.catalog.validate(event.type, visibility, event.data);
    } catch (error) {
      return { ok: false, errors: [`the validator failed: ${messageOf(error)}`] };
    }
  }

  /** Runs the handler until it succeeds, rejects the event or runs out of retries. */
  private async apply(record: ConsumedRecord, event: CloudEvent, handler: RegisteredHandler, stopping: AbortSignal): Promise<ProcessOutcome | DeadLetter> {
    const { retry, logger } = this.options;
    let failures = 0;
    let outages = 0;
    for (;;) {
      try {
        return await this.applyOnce(record, event, handler, failures + 1);
      } catch (error) {
        if (stopping.aborted) return 'abandoned';
        if (error instanceof RejectEvent) return { kind: 'rejected', reason: error.reason };
        const outage = error instanceof InfrastructureError || isInfrastructureOutage(error);
        if (!outage && !retriesLeft(++failures, retry)) {
          return { kind: 'failed', reason: `${handler.name} failed ${failures} times, last: ${messageOf(error)}` };
        }
        const delayMs = outage ? retryDelayMs(++outages, retry) : retryDelayMs(failures, retry);
        logger.warn(`${where(record)} ${event.type} ${event.id}: ${messageOf(error)}; trying again in ${delayMs} ms`);
        if (!(await this.pause(delayMs, stopping))) return 'abandoned';
      }
    }
  }

  private async applyOnce(record: ConsumedRecord, event: CloudEvent, handler: RegisteredHandler, attempt: number): Promise<ProcessOutcome> {
    const { ledger, groupId, metrics } = this.options;
    if (await infrastructure('ledger lookup', () => ledger.has(groupId, event.id))) return 'duplicate';
    await handler.handle(event, this.contextOf(record, attempt));
    await infrastructure('ledger entry', () => ledger.record(groupId, event, record));
    metrics.processed(record.topic, event.type);
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
        if (!(await this.pause(retryDelayMs(failures, retry), stopping))) return 'abandoned';
      }
    }
    metrics.deadLettered(record.topic, failure.kind);
    logger.warn(`${where(record)} dead-lettered (${failure.kind}): ${failure.reason}`);
    return 'dead-lettered';
  }

  private contextOf({ topic, partition, message }: ConsumedRecord, attempt: number): EventContext {
    return { groupId: this.options.groupId, topic: topic.name, partition, offset: message.offset, origin: topic.origin, visibility: topic.visibility, attempt };
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
