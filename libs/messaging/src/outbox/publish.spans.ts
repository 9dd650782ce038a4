import { propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { PendingEvent } from './publication-order';

/**
 * The PRODUCER spans of one batch, one per delivery, each a child of the request that
 * recorded the event (its stored `traceparent`): a trace shows when the relay sent the
 * event, and the consumer's span becomes the child of that send. Events recorded outside
 * a trace get no span.
 */
export class PublishSpans {
  /** The spans not yet ended, by event id. */
  private readonly spans = new Map<string, Span[]>();
  /** The traceparent each delivery's message carries, by delivery id. */
  readonly traceparents = new Map<string, string>();

  constructor(events: readonly PendingEvent[]) {
    const tracer = trace.getTracer('@naperj/messaging');
    for (const event of events) {
      if (event.traceparent === null) continue;
      // Set explicitly: the relay's own context suppresses tracing.
      const parent = propagation.extract(ROOT_CONTEXT, { traceparent: event.traceparent });
      for (const delivery of event.deliveries) {
        const span = tracer.startSpan(
          `send ${delivery.topic}`,
          {
            kind: SpanKind.PRODUCER,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.operation.type': 'send',
              'messaging.destination.name': delivery.topic,
              'messaging.kafka.message.key': event.subject,
              'cloudevents.event_id': delivery.id,
              'cloudevents.event_type': delivery.type,
            },
          },
          parent,
        );
        const carrier: Record<string, string> = {};
        propagation.inject(trace.setSpan(parent, span), carrier);
        this.traceparents.set(delivery.id, carrier['traceparent'] ?? event.traceparent);
        this.spans.set(event._id, [...(this.spans.get(event._id) ?? []), span]);
      }
    }
  }

  /** Ends every span not ended yet: sent, or failed with `error`. */
  end(error?: unknown): void {
    this.endOf([...this.spans.keys()], error);
  }

  /** Ends the spans of the events with these ids: sent, or failed with `error`. */
  endOf(eventIds: readonly string[], error?: unknown): void {
    for (const id of eventIds) {
      for (const span of this.spans.get(id) ?? []) {
        if (error !== undefined) {
          span.recordException(exceptionOf(error));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      }
      this.spans.delete(id);
    }
  }
}

/** What a span records of a failure: the Error itself, or anything else as its string. */
function exceptionOf(error: unknown): Error | string {
  return error instanceof Error ? error : String(error);
}
