import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { core, NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAMESPACE } from '@opentelemetry/semantic-conventions';
import type { ServiceConfig } from '../config/service-config';

export type TelemetryConfig = Pick<ServiceConfig, 'service' | 'country' | 'telemetry'>;

export interface TelemetryOptions {
  /** Processors beside the OTLP export, e.g. a test's in-memory exporter. */
  spanProcessors?: SpanProcessor[];
}

let running: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry SDK: this service's resource, W3C trace-context propagation and,
 * when an OTLP endpoint is configured, OTLP/HTTP export of traces. Call it once, before the
 * Nest application is created; `instrument` must have run before NestJS was loaded.
 */
export function startTelemetry(config: TelemetryConfig, { spanProcessors = [] }: TelemetryOptions = {}): void {
  if (running !== undefined) throw new Error('Telemetry is already started');
  running = new NodeSDK({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAMESPACE]: 'naperj', 'naperj.country': config.country })),
    // Applied last, so OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES cannot rename the service.
    serviceName: `naperj-${config.service}`,
    textMapPropagator: new core.W3CTraceContextPropagator(),
    spanProcessors: [exportProcessor(config.telemetry.otlpEndpoint), ...spanProcessors],
    // Traces only: left unset, NodeSDK would start OTLP metric and log exporters by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  running.start();
}

/** Exports the spans still buffered, then unregisters the SDK; a no-op when none is running. */
export async function shutdownTelemetry(): Promise<void> {
  const sdk = running;
  running = undefined;
  if (sdk === undefined) return;
  await sdk.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

function exportProcessor(otlpEndpoint: string | undefined): SpanProcessor {
  // Without a collector spans are still recorded, so ids propagate and logs carry them.
  if (otlpEndpoint === undefined) return new NoopSpanProcessor();
  return new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }));
}
