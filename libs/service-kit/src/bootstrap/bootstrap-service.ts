import type { ServiceName } from '@naperj/contracts';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigurationError, loadServiceConfig } from '../config/service-config';
import { shutdownTelemetry, startTelemetry } from '../telemetry';
import { startEventTransport } from '../kafka/event-transport';
import { configureHttp } from './configure-http';
import { ServiceRootModule } from './service-root.module';

export interface BootstrapServiceOptions {
  service: ServiceName;
  /** Where the configuration is read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

/** Starts a service's HTTP server with everything every service shares. */
export async function bootstrapService(appModule: Type<unknown>, { service, env = process.env }: BootstrapServiceOptions): Promise<NestExpressApplication> {
  const config = loadServiceConfig(service, env);
  startTelemetry(config);
  const app = await NestFactory.create<NestExpressApplication>(ServiceRootModule.forApp(appModule, config, env), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  configureHttp(app, config);
  // On SIGTERM/SIGINT Nest stops accepting connections, lets in-flight requests finish
  // and closes MongoDB and Kafka clients; useProcessExit then exits 0 instead of
  // re-raising the signal, so supervisors see a clean stop.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await startEventTransport(app);
  await app.listen(config.http.port, config.http.host);
  app.get(Logger).log(`${service} of node ${config.country} listening on ${await app.getUrl()}`, 'Bootstrap');
  return app;
}

/** What every main.ts calls: a service that cannot start says why and exits 1. */
export function runService(appModule: Type<unknown>, options: BootstrapServiceOptions): void {
  bootstrapService(appModule, options).catch(async (error: unknown) => {
    const reason = error instanceof ConfigurationError ? error.message : error;
    console.error(`${options.service} of naperj could not start.`, reason);
    await shutdownTelemetry();
    process.exit(1);
  });
}
