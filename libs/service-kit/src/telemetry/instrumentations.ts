import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { register as registerImportHooks } from 'import-in-the-middle/register-hooks.mjs';
import { isProbeRequest } from './probe-requests';

/**
 * Patches http, express, NestJS, kafkajs and mongoose so their work becomes spans. It must
 * run before any of them is loaded, and it works without a started SDK: the spans go to
 * whichever tracer provider `startTelemetry` registers later.
 *
 * require-in-the-middle (the instrumentations' own hook) sees only CommonJS `require()`
 * calls, but NestJS 12 is ESM: @nestjs/platform-express imports express and @nestjs/mongoose
 * imports mongoose, which a CommonJS hook never sees. import-in-the-middle's synchronous
 * loader hooks (module.registerHooks, Node 24.11.1+) also run for the ESM graph that our
 * CommonJS code require()s, so they cover those imports.
 */
export function instrumentLibraries(): void {
  const instrumentations = [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => isProbeRequest(request.url) }),
    // Nest's middleware are anonymous functions to express: their spans would say nothing.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    // Inert until a release supports @nestjs/core 12: 0.70.0 declares ">=4.0.0 <12".
    new NestInstrumentation(),
    new KafkaJsInstrumentation(),
    new MongooseInstrumentation(),
  ];
  const packages = instrumentations.flatMap((instrumentation) => instrumentation.getModuleDefinitions().map((definition) => definition.name));
  const instrumentedPackage = new RegExp(`/node_modules/(?:${packages.map(escapeRegExp).join('|')})/`);
  // Wrapping only the instrumented packages keeps every other module exactly as Node loads it.
  registerImportHooks({ include: [instrumentedPackage] });
  registerInstrumentations({ instrumentations });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
