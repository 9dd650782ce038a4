/**
 * A service entry point in miniature, which instrument.spec.ts runs in its own Node process
 * with a traceparent and an x-request-id as arguments: it answers one request carrying them
 * and prints what it observed as one `{"observed": …}` line.
 */
import '../instrument';
import { Controller, Get, Logger, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import '@nestjs/mongoose';
import { isWrapped } from '@opentelemetry/instrumentation';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Kafka } from 'kafkajs';
import type { Mongoose } from 'mongoose';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { ServiceConfig } from '../../config/service-config';
import { LoggingModule } from '../../logging/logging.module';
import { shutdownTelemetry, startTelemetry } from '../telemetry.sdk';
import { currentTraceContext, type TraceContext } from '../trace-context';

@Controller('things')
class ThingsController {
  private readonly logger = new Logger(ThingsController.name);

  @Get(':id')
  get(): TraceContext | undefined {
    this.logger.log('handling a thing');
    return currentTraceContext();
  }
}

const config = { service: 'reporting', country: 'ca', log: { level: 'info' }, telemetry: {} } as ServiceConfig;

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }), LoggingModule],
  controllers: [ThingsController],
})
class ThingsModule {}

async function main([traceparent = '', requestId = ''] = process.argv.slice(2)): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  startTelemetry(config, { spanProcessors: [processor] });

  const app = await NestFactory.create(ThingsModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  app.setGlobalPrefix('api/v1');
  await app.listen(0, '127.0.0.1');
  // fetch, being undici, is not instrumented: the traceparent reaches the server as sent.
  const response = await fetch(`${await app.getUrl()}/api/v1/things/42`, {
    headers: { traceparent, 'x-request-id': requestId },
  });
  const handler = (await response.json()) as TraceContext;

  await processor.forceFlush();
  const spans = exporter.getFinishedSpans();
  await spans[0]?.resource.waitForAsyncAttributes?.();
  // mongoose as @nestjs/mongoose (ESM) imported it: no CommonJS require() of ours saw it.
  const mongoose = require.cache[require.resolve('mongoose')]?.exports as Mongoose | undefined;
  const observed = {
    handler,
    spans: spans.map((span) => ({
      name: span.name,
      kind: span.kind,
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId,
      instrumentation: span.instrumentationScope.name,
    })),
    resource: spans[0]?.resource.attributes,
    // The methods are only looked at, never called: has an instrumentation wrapped them?
    patched: {
      kafkajs: isWrapped((Kafka.prototype as { producer: unknown }).producer),
      mongoose: isWrapped((mongoose?.Model.prototype as { save?: unknown } | undefined)?.save),
    },
  };
  process.stdout.write(`${JSON.stringify({ observed })}\n`);
  await app.close();
  await shutdownTelemetry();
}

void main();
