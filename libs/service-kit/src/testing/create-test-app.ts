import type { ServiceName } from '@naperj/contracts';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureHttp } from '../bootstrap/configure-http';
import { ServiceRootModule } from '../bootstrap/service-root.module';
import { loadServiceConfig } from '../config/service-config';
import { startEventTransport } from '../kafka/event-transport';

export interface TestAppOptions {
  service: ServiceName;
  /** Configuration variables, as a service would read them from its environment: the kit's and the service's own (ServiceConfigModule). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A service app wired exactly as `bootstrapService` wires it (same root module, same HTTP
 * edge, same event transport), initialised but not listening: for supertest.
 */
export async function createTestApp(appModule: Type<unknown>, { service, env = {} }: TestAppOptions): Promise<NestExpressApplication> {
  const config = loadServiceConfig(service, env);
  const moduleRef = await Test.createTestingModule({ imports: [ServiceRootModule.forApp(appModule, config, env)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureHttp(app, config);
  await startEventTransport(app);
  await app.init();
  return app;
}
