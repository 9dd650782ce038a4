import mongoose from 'mongoose';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';
import { spawnTypeScript } from '../processes/typescript-process';
import { type CollectedSpan, eventually, OtlpCollector } from '@naperj/service-kit/testing';

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * docs/architecture.md, Guarantees, "traces are continuous", on one node: a service process started as
 * production starts one exports its spans over OTLP to a collector run by the test. One
 * request's trace must hold the HTTP server span, the relay's send and the consumer's span.
 */
describe('one trace from an HTTP request through the outbox relay to a consumer (a real service process, Kafka and FerretDB)', () => {
  const collector = new OtlpCollector();
  const database = `naperj_trace_${randomUUID().slice(0, 8)}`;
  let service: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let server: CollectedSpan;
  let send: CollectedSpan;
  let consumer: CollectedSpan;

  beforeAll(async () => {
    const endpoint = await collector.start();
    service = spawnTypeScript(join(__dirname, 'trace-probe.main.ts'), {
      NODE_COUNTRY: 'mx',
      PORT: '0',
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      MONGODB_URI: `${TEST_MONGODB_URI}/${database}`,
      NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-secrets-')),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      // The batch processor's default 5 s delay only slows the test.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => service.once('exit', resolve));
    const url = await eventually('the service to listen', () => /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1], 60_000);

    const response = await fetch(`${url}/api/v1/trace-probes`, { method: 'POST' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    send = await eventually('the relay send span', () =>
      collector.spans.find((span) => span.kind === PRODUCER && span.attributes['messaging.kafka.message.key'] === id),
    );
    const eventId = send.attributes['cloudevents.event_id'];
    consumer = await eventually('the consumer span', () =>
      collector.spans.find((span) => span.kind === CONSUMER && span.attributes['cloudevents.event_id'] === eventId),
    );
    server = collector.spans.find((span) => span.kind === SERVER && span.name === 'POST /api/v1/trace-probes')!;
  }, 120_000);

  afterAll(async () => {
    service?.kill('SIGTERM');
    await exited;
    await collector.close();
    const connection = await mongoose.createConnection(`${TEST_MONGODB_URI}/${database}`).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  /** The span's ancestors in the collected spans, nearest first. */
  function ancestors(span: CollectedSpan): CollectedSpan[] {
    const parent = collector.spans.find((candidate) => candidate.spanId === span.parentSpanId);
    return parent ? [parent, ...ancestors(parent)] : [];
  }

  it('exports the HTTP server span, the relay send and the consumer span under one trace id', () => {
    expect(server).toBeDefined();
    expect(new Set([server.traceId, send.traceId, consumer.traceId])).toEqual(new Set([server.traceId]));
    for (const span of [server, send, consumer]) expect(span.service).toBe('naperj-submissions');
  });

  it('chains them: request → send (after the request recorded the event) → consumer', () => {
    expect(ancestors(send)).toContainEqual(server);
    expect(consumer.parentSpanId).toBe(send.spanId);
    expect(send.name).toBe('send mx.submissions.events.v1');
    expect(consumer.attributes).toMatchObject({ 'messaging.consumer.group.name': 'mx.submissions.trace-probe', 'naperj.consumer.outcome': 'applied' });
  });

  it("logs the handler's work with the same trace id", () => {
    const handled = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; trace_id?: string })
      .find((line) => line.msg === `handled ${consumer.attributes['cloudevents.event_id']}`);
    expect(handled?.trace_id).toBe(server.traceId);
  });
});
