import { createTestApp } from '@naperj/service-kit/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from './app.module';

describe('community-engagement app', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp(AppModule, {
      service: 'community-engagement',
      env: { NODE_COUNTRY: 'mx', NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-secrets-')), LOG_LEVEL: 'silent' },
    });
  });

  afterAll(() => app.close());

  it('answers GET /health/live', async () => {
    await request(app.getHttpServer())
      .get('/health/live')
      .expect(200, { status: 'ok', service: 'community-engagement', country: 'mx' });
  });

  it('documents its API at /api/docs-json', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(response.body.info.title).toBe('naperj community-engagement (mx)');
  });
});
