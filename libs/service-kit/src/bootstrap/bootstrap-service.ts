import type { ServiceName } from '@naperj/contracts';
import { type INestApplication, Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadServiceConfig } from '../config/service-config';
import { ServiceRootModule } from './service-root.module';

export interface BootstrapServiceOptions {
  service: ServiceName;
  /** Where NODE_COUNTRY, HOST and PORT are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

/** Starts a service's HTTP server; what every `main.ts` calls. */
export async function bootstrapService(
  appModule: Type<unknown>,
  { service, env = process.env }: BootstrapServiceOptions,
): Promise<INestApplication> {
  const { identity, host, port } = loadServiceConfig(service, env);
  const app = await NestFactory.create(ServiceRootModule.forApp(appModule, identity));
  // On SIGTERM/SIGINT Nest stops accepting connections, lets in-flight requests
  // finish and runs the shutdown hooks; useProcessExit then exits 0 instead of
  // re-raising the signal, so supervisors see a clean stop.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(port, host);
  new Logger('Bootstrap').log(
    `${service} of node ${identity.country} listening on ${await app.getUrl()}`,
  );
  return app;
}
