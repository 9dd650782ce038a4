import { nodeTopics, peerSharedTopics } from '@naperj/contracts';
import { createKafka } from '@naperj/messaging';
import { Public, TopicProvisioner } from '@naperj/service-kit';
import { createTestApp } from '@naperj/service-kit/testing';
import { Controller, Get, Module } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';
import { PrivateFerretdb } from '../engines/private-ferretdb';

@Public()
@Controller('probe')
class ProbeController {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @Get('count')
  async count(): Promise<{ count: number }> {
    return { count: await this.connection.collection('probe').countDocuments() };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** A service of node mx (peers us and ca) on the test's own FerretDB and the shared Kafka. */
function startProbeApp(mongodbUri: string): Promise<NestExpressApplication> {
  return createTestApp(ProbeModule, {
    service: 'submissions',
    env: {
      NODE_COUNTRY: 'mx',
      FEDERATION_PEERS: 'us,ca',
      MONGODB_URI: mongodbUri,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-secrets-')),
      LOG_LEVEL: 'silent',
    },
  });
}

describe('readiness and database outages (real FerretDB and Kafka)', () => {
  let db: PrivateFerretdb;
  let app: NestExpressApplication;

  async function untilReady(): Promise<request.Response> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await request(app.getHttpServer()).get('/health/ready');
      if (response.status === 200 || Date.now() > deadline) return response;
      await sleep(250);
    }
  }

  beforeAll(async () => {
    db = await PrivateFerretdb.create();
    await db.start();
    app = await startProbeApp(db.uri);
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('is ready when MongoDB and Kafka answer', async () => {
    const response = await untilReady();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', details: { mongodb: { status: 'up' }, kafka: { status: 'up' } } });
  });

  it("provisions the node's topics and its peers' shared topics at start", async () => {
    await app.get(TopicProvisioner).provision();
    const admin = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'readiness-test', log: () => undefined }).admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      const expected = [...nodeTopics('mx'), ...peerSharedTopics(['us', 'ca'])].map((spec) => spec.name);
      expect(expected).toContain('us.shared.submissions.v1');
      expect(topics).toEqual(expect.arrayContaining(expected));
    } finally {
      await admin.disconnect();
    }
  });

  it('answers 503 within 2 s while FerretDB is stopped, and 200 again after it restarts', async () => {
    await db.stop();

    const startedAt = Date.now();
    const notReady = await request(app.getHttpServer()).get('/health/ready');
    const elapsedMs = Date.now() - startedAt;

    expect(notReady.status).toBe(503);
    expect(elapsedMs).toBeLessThan(2000);
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notReady.body).toMatchObject({
      status: 503,
      detail: 'Not ready: mongodb unreachable',
      checks: { mongodb: { status: 'down' }, kafka: { status: 'up' } },
    });

    const query = await request(app.getHttpServer()).get('/api/v1/probe/count');
    expect(query.status).toBe(503);
    expect((query.body as { detail: string }).detail).toBe('The database is unavailable; try again shortly');

    await db.start();
    expect((await untilReady()).status).toBe(200);
    await request(app.getHttpServer()).get('/api/v1/probe/count').expect(200, { count: 0 });
  });
});

describe('a service started while its database is down (real FerretDB and Kafka)', () => {
  let db: PrivateFerretdb;
  let app: NestExpressApplication;

  beforeAll(async () => {
    db = await PrivateFerretdb.create();
    app = await startProbeApp(db.uri);
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('keeps running, not ready, and becomes ready once the database starts', async () => {
    // Past the first connection's 2 s timeout, whose failure once ended the process.
    await sleep(3000);
    const down = await request(app.getHttpServer()).get('/health/ready');
    expect(down.status).toBe(503);
    expect((down.body as { checks: object }).checks).toMatchObject({ mongodb: { status: 'down' } });

    await db.start();
    const deadline = Date.now() + 30_000;
    let ready = down;
    while (ready.status !== 200 && Date.now() < deadline) {
      await sleep(250);
      ready = await request(app.getHttpServer()).get('/health/ready');
    }
    expect(ready.status).toBe(200);
    await request(app.getHttpServer()).get('/api/v1/probe/count').expect(200, { count: 0 });
  }, 60_000);
});
