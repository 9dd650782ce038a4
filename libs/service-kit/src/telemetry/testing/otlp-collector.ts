import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as an OpenTelemetry collector receives it over OTLP/HTTP JSON, flattened. */
export interface CollectedSpan {
  service: string;
  /** The node the span comes from: its `naperj.country` resource attribute. */
  country: string;
  scope: string;
  name: string;
  /** OTLP's SpanKind: 2 server, 4 producer, 5 consumer. */
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, string | number | boolean>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: OtlpAttribute[];
}
interface OtlpRequest {
  resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

/**
 * The receiving end of a service's OTLP trace export (`OTEL_EXPORTER_OTLP_ENDPOINT`), as a
 * collector would run it: the spans a real service process exported, nothing faked in it.
 */
export class OtlpCollector {
  readonly spans: CollectedSpan[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const spans = flatten(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest);
        this.spans.push(...spans);
        this.onSpans?.(spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  /** `onSpans` sees each export as it arrives, e.g. to hand spans to another process. */
  constructor(private readonly onSpans?: (spans: CollectedSpan[]) => void) {}

  /** Listens on a free loopback port; resolves to the endpoint a service exports to. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function flatten({ resourceSpans }: OtlpRequest): CollectedSpan[] {
  return resourceSpans.flatMap(({ resource, scopeSpans }) => {
    const resourceAttributes = attributesOf(resource.attributes);
    const service = String(resourceAttributes['service.name']);
    const country = String(resourceAttributes['naperj.country']);
    return scopeSpans.flatMap(({ scope, spans }) =>
      spans.map(({ name, kind, traceId, spanId, parentSpanId, attributes }) => ({
        service,
        country,
        scope: scope.name,
        name,
        kind,
        traceId,
        spanId,
        ...(parentSpanId ? { parentSpanId } : {}),
        attributes: attributesOf(attributes ?? []),
      })),
    );
  });
}

function attributesOf(attributes: OtlpAttribute[]): Record<string, string | number | boolean> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue)]));
}
