import type { ServiceName } from '@naperj/contracts';
import type { INestApplication, Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp } from './create-test-app';

/**
 * The checks every service's AppModule passes: it boots with the kit, is live, documents its
 * API. Kafka is out of reach: were this app to join the node's consumer groups, it would take
 * partitions from the integration tests' service.
 */
const UNREACHABLE_KAFKA = '127.0.0.1:1';

export function describeServiceApp(service: ServiceName, appModule: Type<unknown>): void {
  describe(`${service} app`, () => {
    let app: INestApplication<Server>;

    beforeAll(async () => {
      app = await createTestApp(appModule, {
        service,
        env: {
          NODE_COUNTRY: 'mx',
          KAFKA_BROKERS: UNREACHABLE_KAFKA,
          NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-secrets-')),
          LOG_LEVEL: 'silent',
        },
      });
    });

    // With Kafka out of reach, closing takes the app's shutdown graces (a heartbeat or a topic
    // provisioning under way gets 2 s each): longer than jest's default when a project runs alone.
    afterAll(() => app.close(), 15_000);

    it('answers GET /health/live', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok', service, country: 'mx' });
    });

    it('documents its API at /api/docs-json', async () => {
      const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
      expect((response.body as OpenAPIObject).info.title).toBe(`naperj ${service} (mx)`);
    });

    // A member declared without a type is documented as a reference to `Object`: a fuzzer then
    // generates data for no schema the service validates.
    it('documents every parameter and member with a type', async () => {
      const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
      const document = response.body as OpenAPIObject;
      expect(document.components?.schemas ?? {}).not.toHaveProperty('Object');
      expect(JSON.stringify(document)).not.toContain('#/components/schemas/Object');
    });
  });
}
