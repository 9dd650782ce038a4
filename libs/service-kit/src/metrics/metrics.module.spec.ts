import { type CanActivate, Controller, Get, type INestApplication, Module, Param, RequestMethod, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import request from 'supertest';
import { MetricsModule } from './metrics.module';
import { MetricsRegistry } from './metrics.registry';

class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get(':id/broken')
  broken(): never {
    throw new Error('boom');
  }

  @Get(':id/secret')
  @UseGuards(DenyAll)
  secret(): string {
    return 'never';
  }
}

@Module({ imports: [MetricsModule], controllers: [ThingsController] })
class ThingsModule {}

type Labels = Record<string, string>;

/** The value of one sample of the Prometheus text format, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Labels): number {
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const lineLabels = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]): [string, string] => [key!, value!]));
    if (Object.keys(labels).length === Object.keys(lineLabels).length && Object.entries(labels).every(([key, value]) => lineLabels[key] === value)) {
      return Number(match[3]);
    }
  }
  return 0;
}

describe('MetricsModule', () => {
  let app: INestApplication<Server>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ThingsModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api/v1', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
    await app.init();
  });

  afterAll(() => app.close());

  const scrape = async () => (await request(app.getHttpServer()).get('/metrics').expect(200)).text;

  async function expectCountedOnce(path: string, status: number, route: string): Promise<void> {
    const labels = { method: 'GET', route, status: String(status) };
    const before = await scrape();
    await request(app.getHttpServer()).get(path).expect(status);
    const after = await scrape();
    expect(sample(after, 'http_requests_total', labels)).toBe(sample(before, 'http_requests_total', labels) + 1);
    expect(sample(after, 'http_request_duration_seconds_count', labels)).toBe(sample(before, 'http_request_duration_seconds_count', labels) + 1);
  }

  it('serves the Prometheus text format with the naperj_ process metrics', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.text).toMatch(/^naperj_process_cpu_user_seconds_total \d/m);
    expect(response.text).toMatch(/^naperj_nodejs_heap_size_used_bytes \d/m);
  });

  it('counts a request under its route template, not its URL', async () => {
    await expectCountedOnce('/api/v1/things/42', 200, '/api/v1/things/:id');
    expect(await scrape()).not.toContain('/api/v1/things/42');
  });

  it('counts a thrown exception', async () => {
    await expectCountedOnce('/api/v1/things/42/broken', 500, '/api/v1/things/:id/broken');
  });

  it('counts a rejection by a guard', async () => {
    await expectCountedOnce('/api/v1/things/42/secret', 403, '/api/v1/things/:id/secret');
  });

  it('counts an unknown path as unmatched', async () => {
    await expectCountedOnce('/api/v1/nowhere/7', 404, 'unmatched');
    await expectCountedOnce('/nowhere', 404, 'unmatched');
  });
});

describe('MetricsRegistry', () => {
  const registry = MetricsRegistry.forProcess();

  it('is one per process', () => {
    expect(MetricsRegistry.forProcess()).toBe(registry);
  });

  it('returns the metric already registered under a name', async () => {
    const first = registry.counter({ name: 'naperj_test_events_total', help: 'Test events', labelNames: ['kind'] });
    const second = registry.counter({ name: 'naperj_test_events_total', help: 'Test events', labelNames: ['kind'] });
    expect(second).toBe(first);
    second.inc({ kind: 'a' });
    expect(sample(await registry.metrics(), 'naperj_test_events_total', { kind: 'a' })).toBe(1);
  });

  it('refuses a name already taken by another type', () => {
    registry.gauge({ name: 'naperj_test_depth', help: 'Test depth' });
    expect(() => registry.histogram({ name: 'naperj_test_depth', help: 'Test depth' })).toThrow(
      'Metric naperj_test_depth is already registered with another type',
    );
  });
});
