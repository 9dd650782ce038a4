import { type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ServiceRootModule } from '../bootstrap/service-root.module';
import { ServiceIdentity } from '../identity/service-identity';

@Module({})
class EmptyAppModule {}

describe('GET /health/live', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const identity = new ServiceIdentity('expert-network', 'ca');
    const moduleRef = await Test.createTestingModule({
      imports: [ServiceRootModule.forApp(EmptyAppModule, identity)],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(() => app.close());

  it('answers 200 with the service and its country', async () => {
    const response = await request(app.getHttpServer()).get('/health/live').expect(200);

    expect(response.body).toEqual({ status: 'ok', service: 'expert-network', country: 'ca' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
