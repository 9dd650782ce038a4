import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_NAMESPACE } from '@opentelemetry/semantic-conventions';
import type { ServiceConfig } from '../config/service-config';

export type TelemetryConfig = Pick<ServiceConfig, 'service' | 'country' | 'telemetry'>;

export interface TelemetryOptions {
  /** Processors beside the OTLP export, e.g. a test's in-memory exporter. */
  spanProcessors?: SpanProcessor[];
}

let running: NodeTracerProvider | undefined;

/**
 * Starts tracing: this service's resource, W3C trace-context propagation and, when an OTLP
 * endpoint is configured, OTLP/HTTP export of traces. Call it once, before the Nest
 * application is created; `instrument` must have run before NestJS was loaded. A tracer
 * provider rather than the all-signals NodeSDK, which loads every exporter it could start.
 */
export function startTelemetry(config: TelemetryConfig, { spanProcessors = [] }: TelemetryOptions = {}): void {
  if (running !== undefined) throw new Error('Telemetry is already started');
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAMESPACE]: 'naperj', 'naperj.country': config.country }))
    .merge(detectResources({ detectors: [envDetector, processDetector, hostDetector] }))
    // Applied last, so OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES cannot rename the service.
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: `naperj-${config.service}` }));
  running = new NodeTracerProvider({ resource, spanProcessors: [exportProcessor(config.telemetry.otlpEndpoint), ...spanProcessors] });
  running.register({ propagator: new W3CTraceContextPropagator() });
}

/** Exports the spans still buffered, then unregisters the provider; a no-op when none is running. */
export async function shutdownTelemetry(): Promise<void> {
  const provider = running;
  running = undefined;
  if (provider === undefined) return;
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

function exportProcessor(otlpEndpoint: string | undefined): SpanProcessor {
  // Without a collector spans are still recorded, so ids propagate and logs carry them.
  if (otlpEndpoint === undefined) return new NoopSpanProcessor();
  return new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }));
}
