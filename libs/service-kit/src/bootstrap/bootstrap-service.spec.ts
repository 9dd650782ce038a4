import { type INestApplication, Logger, type LoggerService, Module } from '@nestjs/common';
import request from 'supertest';
import { bootstrapService } from './bootstrap-service';

@Module({})
class EmptyAppModule {}

describe('bootstrapService', () => {
  const logged: string[] = [];
  const captureLogger: LoggerService = {
    log: (message: string) => logged.push(message),
    error: () => undefined,
    warn: () => undefined,
  };
  let app: INestApplication;

  beforeAll(async () => {
    Logger.overrideLogger(captureLogger);
    app = await bootstrapService(EmptyAppModule, {
      service: 'reporting',
      env: { NODE_COUNTRY: 'us', PORT: '0' },
    });
  });

  afterAll(() => app.close());

  it('listens on loopback and answers /health/live', async () => {
    const url = await app.getUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    await request(url)
      .get('/health/live')
      .expect(200, { status: 'ok', service: 'reporting', country: 'us' });
  });

  it('logs where it listens', async () => {
    expect(logged).toContain(`reporting of node us listening on ${await app.getUrl()}`);
  });
});
