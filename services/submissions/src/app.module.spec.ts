import { ServiceIdentity, ServiceRootModule } from '@naperj/service-kit';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from './app.module';

describe('submissions app', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const identity = new ServiceIdentity('submissions', 'mx');
    const moduleRef = await Test.createTestingModule({
      imports: [ServiceRootModule.forApp(AppModule, identity)],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(() => app.close());

  it('answers GET /health/live', async () => {
    await request(app.getHttpServer())
      .get('/health/live')
      .expect(200, { status: 'ok', service: 'submissions', country: 'mx' });
  });
});
