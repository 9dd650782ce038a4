import { DashboardModule } from '@naperj/reporting/dashboard/dashboard.module';
import { createTestApp } from '@naperj/service-kit/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';
import { NODE, PEER } from '../reporting/reporting-test-node';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '').split(';').map(
      (directive) =>
        directive
          .trim()
          .split(/\s+(.*)/s)
          .slice(0, 2) as [string, string],
    ),
  );
}

/** The dashboard served by the reporting service through the HTTP edge every service shares. */
describe('the operators’ dashboard at / (real HTTP edge)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    // The node the reporting tests run as on the mx engines, so no other topics are provisioned there.
    app = await createTestApp(DashboardModule, {
      service: 'reporting',
      env: {
        NODE_COUNTRY: NODE,
        FEDERATION_PEERS: PEER,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
        MONGODB_URI: `${TEST_MONGODB_URI}/naperj_dashboard_${randomUUID().slice(0, 8)}`,
        NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-dashboard-')),
        LOG_LEVEL: 'silent',
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('serves the page at / without a token, under a policy that allows nothing but its own origin', async () => {
    const response = await get('/').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<script type="module" src="/dashboard/app.mjs">');
    expect(directives(response.headers['content-security-policy'])).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'require-trusted-types-for': "'script'",
      'trusted-types': "'none'",
    });
    // The rest of helmet's protections stay.
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the modules, the stylesheet and the libraries from /dashboard/, outside the API prefix', async () => {
    const app = await get('/dashboard/app.mjs').expect(200);
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(app.headers['cache-control']).toBe('no-cache');
    expect((await get('/dashboard/dashboard.css').expect(200)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/dashboard/vendor/chart.umd.min.js').expect(200)).text).toContain('Chart.js v4');
    expect((await get('/dashboard/vendor/eventsource-parser/stream.js').expect(200)).text).toContain('EventSourceParserStream');
    await get('/api/v1/dashboard/app.mjs').expect(404);
  });

  it("tells the page this node's country and partners", async () => {
    const response = await get('/dashboard/context.json').expect(200).expect('content-type', 'application/json; charset=utf-8');
    expect(response.body).toMatchObject({ node: NODE, peers: [PEER], languages: ['en', 'es', 'fr'] });
  });

  it('answers 304 to a browser that holds the current file', async () => {
    const { headers } = await get('/dashboard/i18n.mjs').expect(200);
    const etag = headers['etag'] as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    await get('/dashboard/i18n.mjs').set('If-None-Match', etag).expect(304);
    await get('/dashboard/i18n.mjs').set('If-None-Match', '"stale"').expect(200);
  });

  it('answers 404 problem+json for anything it does not serve: specs, settings, other paths', async () => {
    for (const path of [
      '/dashboard/i18n.spec.mjs',
      '/dashboard/tsconfig.json',
      '/dashboard/index.html',
      '/dashboard/..%2F..%2Fpackage.json',
      '/dashboard/vendor/chart.js',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({
        path,
        status: 404,
        type: 'application/problem+json; charset=utf-8',
      });
    }
  });

  it('leaves the other pages under helmet’s policy, which allows no inline script either', async () => {
    const response = await get('/api/docs').expect(200);
    expect(directives(response.headers['content-security-policy'])['script-src']).toBe("'self'");
  });
});
