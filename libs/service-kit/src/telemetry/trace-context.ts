import { isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceContext {
  traceId: string;
  spanId: string;
}

/** The active span's ids, e.g. the HTTP server span's during a request; undefined outside any span. */
export function currentTraceContext(): TraceContext | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
