import { Controller, Get, type INestApplication, Logger, RequestMethod } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { trace } from '@opentelemetry/api';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { Server } from 'node:http';
import request from 'supertest';
import type { ServiceConfig } from '../config/service-config';
import { shutdownTelemetry, startTelemetry } from '../telemetry/telemetry.sdk';
import { LOG_DESTINATION, LoggingModule } from './logging.module';

type LogLine = Record<string, unknown> & { msg: string };

@Controller('things')
class ThingsController {
  private readonly logger = new Logger(ThingsController.name);

  @Get()
  list(): string[] {
    this.logger.log('listing things');
    return [];
  }

  @Get('traced')
  traced(): { traceId: string; spanId: string } {
    return trace.getTracer('test').startActiveSpan('work', (span) => {
      this.logger.log('working in a span');
      span.end();
      return span.spanContext();
    });
  }

  @Get('broken')
  broken(): never {
    throw new Error('boom');
  }
}

@Controller('health')
class ProbeController {
  @Get('live')
  live(): string {
    return 'ok';
  }
}

const config = { service: 'submissions', country: 'ca', log: { level: 'info' } } as ServiceConfig;

describe('LoggingModule', () => {
  const lines: LogLine[] = [];
  let app: INestApplication<Server>;

  beforeAll(async () => {
    startTelemetry({ ...config, telemetry: {} });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }), LoggingModule],
      controllers: [ThingsController, ProbeController],
    })
      .overrideProvider(LOG_DESTINATION)
      .useValue({ write: (line: string) => lines.push(JSON.parse(line) as LogLine) })
      .compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(PinoLogger));
    app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health/{*rest}', method: RequestMethod.GET }] });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await shutdownTelemetry();
  });

  beforeEach(() => lines.splice(0));

  const logged = (msg: string) => lines.find((line) => line.msg === msg);
  const completion = (url: string) => lines.find((line) => (line['req'] as { url?: string } | undefined)?.url === url);

  it('writes JSON lines with the level, service and country', async () => {
    await request(app.getHttpServer()).get('/api/v1/things').expect(200);
    expect(logged('listing things')).toMatchObject({ level: 'info', service: 'submissions', country: 'ca', context: 'ThingsController' });
  });

  it('takes a safe x-request-id, logs it with every line of the request and echoes it', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/things').set('x-request-id', 'req-42:a.b_c').expect(200);
    expect(response.headers['x-request-id']).toBe('req-42:a.b_c');
    expect(logged('listing things')).toMatchObject({ request_id: 'req-42:a.b_c' });
    expect(completion('/api/v1/things')).toMatchObject({
      msg: 'request completed',
      level: 'info',
      req: { id: 'req-42:a.b_c', method: 'GET' },
      res: { statusCode: 200 },
    });
  });

  it.each([
    ['absent', undefined],
    ['too long', 'a'.repeat(129)],
    ['with unsafe characters', 'req 42 <script>'],
  ])('generates a UUID when x-request-id is %s', async (_case, header) => {
    const call = request(app.getHttpServer()).get('/api/v1/things');
    const response = await (header === undefined ? call : call.set('x-request-id', header)).expect(200);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(logged('listing things')).toMatchObject({ request_id: id });
  });

  it('echoes the request id on errors and on paths no route knows', async () => {
    const broken = await request(app.getHttpServer()).get('/api/v1/things/broken').set('x-request-id', 'req-500').expect(500);
    expect(broken.headers['x-request-id']).toBe('req-500');
    expect(completion('/api/v1/things/broken')).toMatchObject({ level: 'error', req: { id: 'req-500' } });
    const outside = await request(app.getHttpServer()).get('/not/a/route').set('x-request-id', 'req-404').expect(404);
    expect(outside.headers['x-request-id']).toBe('req-404');
  });

  it('puts the active span ids on each line', async () => {
    const body = (await request(app.getHttpServer()).get('/api/v1/things/traced').expect(200)).body as { traceId: string; spanId: string };
    expect(logged('working in a span')).toMatchObject({ trace_id: body.traceId, span_id: body.spanId });
    expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('redacts the authorization and cookie headers', async () => {
    await request(app.getHttpServer()).get('/api/v1/things').set('Authorization', 'Bearer secret-token').set('Cookie', 'session=secret');
    expect(JSON.stringify(lines)).not.toContain('secret');
    expect(completion('/api/v1/things')).toMatchObject({ req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } } });
  });

  it('logs health checks at debug level, below the configured info', async () => {
    const response = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(response.headers['x-request-id']).toBeDefined();
    await request(app.getHttpServer()).get('/api/v1/things').expect(200);
    expect(completion('/health/live')).toBeUndefined();
    expect(completion('/api/v1/things')).toBeDefined();
  });
});
