import { asyncApiDocument, CLOUD_EVENT_HEADERS, EVENT_DATA_EXAMPLES, EVENT_TYPES, type SharedSubmissionData } from '@naperj/contracts';
import { loadOrCreateEventSigner } from '@naperj/messaging';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { MAX_STREAMS_PER_CALLER } from '@naperj/reporting/stream/integrator-streams';
import { forger, ReportingTestNode } from './reporting-test-node';
import { SseClient } from './sse-client';

const T = EVENT_TYPES;

describe('reporting for integrators (node mx on the real Kafka)', () => {
  const node = new ReportingTestNode();
  const clients: SseClient[] = [];
  let integrator: string;

  beforeAll(async () => {
    await node.start();
    // Most events here are confidential: the suite's integrator is cleared for them.
    integrator = await node.token(['integrator'], undefined, { trilateral: true });
  }, 60_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(() => node.close());

  async function connect(options: Parameters<typeof SseClient.open>[1] = {}): Promise<SseClient> {
    const client = await SseClient.open(node.baseUrl, { token: integrator, ...options });
    clients.push(client);
    return client;
  }

  const problemOf = async (client: SseClient) => ({
    status: client.response.status,
    type: client.response.headers.get('content-type'),
    body: await client.response.json(),
  });

  describe('GET /api/asyncapi.json', () => {
    it('serves the AsyncAPI document of the contracts without a token, outside /api/v1', async () => {
      const response = await fetch(new URL('/api/asyncapi.json', node.baseUrl));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual(asyncApiDocument());
      expect((await fetch(new URL('/api/v1/api/asyncapi.json', node.baseUrl))).status).toBe(404);
    });

    it('is listed in the OpenAPI document as public', async () => {
      const openapi = (await (await fetch(new URL('/api/docs-json', node.baseUrl))).json()) as {
        paths: Record<string, { get: { security?: unknown[]; responses: Record<string, { content?: object }> } }>;
      };
      expect(openapi.paths['/api/asyncapi.json']?.get.security).toEqual([]);
      expect(openapi.paths['/api/v1/stream']?.get.responses['200']?.content).toHaveProperty(['text/event-stream']);
    });
  });

  describe('GET /api/v1/stream', () => {
    it('401 without a token, 403 for a submitter, as problem+json', async () => {
      const anonymous = await connect({ token: '' });
      expect(await problemOf(anonymous)).toMatchObject({ status: 401, type: expect.stringMatching(/^application\/problem\+json/) as unknown });
      const submitter = await connect({ token: await node.token(['submitter']) });
      expect(await problemOf(submitter)).toMatchObject({ status: 403, body: { detail: 'This action needs one of the roles: integrator, operator' } });
    });

    it('400 for a type integrators never receive, or a Last-Event-ID it did not send', async () => {
      const privateType = await connect({ types: [T.submissionDrafted] });
      expect(await problemOf(privateType)).toMatchObject({
        status: 400,
        body: { detail: expect.stringContaining('each type must be one of the types integrators receive') as unknown },
      });
      const foreign = await connect({ lastEventId: 'not-a-cursor' });
      expect(await problemOf(foreign)).toMatchObject({ status: 400, body: { detail: expect.stringContaining('Last-Event-ID') as unknown } });
    });

    it("delivers a partner's new event as a structured CloudEvent, to an operator too", async () => {
      const stream = await connect({ token: await node.token(['operator'], undefined, { trilateral: true }) });
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
      await stream.started();

      const { event, message } = await node.insight('us', uuidv7(), 3);
      await node.produce('us', 'insights', message);
      const { event: received } = await stream.next(({ event: e }) => e.id === event.id);
      expect(received.event).toEqual({
        specversion: '1.0',
        id: event.id,
        source: 'urn:naperj:us:community-engagement',
        type: T.insightPublished,
        time: event.time,
        subject: event.subject,
        datacontenttype: 'application/json',
        dataclassification: 'confidential',
        data: event.data,
      });
      expect(received.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(received.id).not.toBe(stream.ids[0]);
    });

    it('sends only the types asked for, each type= adding one', async () => {
      const stream = await connect({ types: [T.submissionWithdrawn, T.expertRegistered] });
      await stream.started();
      const submission = { ...EVENT_DATA_EXAMPLES[T.submissionPublished].shared, id: uuidv7(), country: 'ca' as const, version: 4 };
      const published = await node.signed('ca', 'submissions', T.submissionPublished, submission, 'public');
      const withdrawn = await node.signed('ca', 'submissions', T.submissionWithdrawn, { id: submission.id, country: 'ca', version: 5 }, 'public');
      // One key, one partition: the withdrawal is read after the publication it follows.
      await node.produce('ca', 'submissions', published.message, withdrawn.message);
      const expert = { ...EVENT_DATA_EXAMPLES[T.expertRegistered].shared, id: uuidv7(), country: 'ca' as const };
      const registered = await node.signed('ca', 'expert-network', T.expertRegistered, expert, 'confidential');
      await node.produce('ca', 'experts', registered.message);

      const first = await stream.next(({ event }) => event.subject === submission.id);
      expect(first.event.event).toMatchObject({ id: withdrawn.event.id, type: T.submissionWithdrawn });
      await stream.next(({ event }) => event.id === registered.event.id);
      expect(stream.events.map(({ event }) => event.type)).not.toContain(T.submissionPublished);
    });

    it('never sends a forged, unsigned or private event from a shared topic', async () => {
      const stream = await connect({ types: [T.submissionPublished, T.submissionWithdrawn] });
      await stream.started();
      const id = uuidv7();
      const submission = { ...EVENT_DATA_EXAMPLES[T.submissionPublished].shared, id, country: 'us' as const, version: 4 };
      const forged = await node.signed(
        'us',
        'submissions',
        T.submissionPublished,
        submission,
        'public',
        forger((await loadOrCreateEventSigner(node.secretsDir, 'us')).kid),
      );
      const unsigned = await node.signed('us', 'submissions', T.submissionPublished, { ...submission, version: 5 }, 'public');
      delete unsigned.message.headers![CLOUD_EVENT_HEADERS.sig];
      // Signed by mx but on the us topic: a node cannot speak for another.
      const reattributed = await node.signed('mx', 'submissions', T.submissionPublished, { ...submission, version: 6 }, 'public');
      const withPrivateFields = await node.signed(
        'us',
        'submissions',
        T.submissionPublished,
        { ...submission, version: 7, internalNotes: 'Solo para el equipo.' } as SharedSubmissionData,
        'public',
      );
      const genuine = await node.signed('us', 'submissions', T.submissionWithdrawn, { id, country: 'us', version: 8 }, 'public');
      await node.produce('us', 'submissions', forged.message, unsigned.message, reattributed.message, withPrivateFields.message, genuine.message);

      const { event } = await stream.next(({ event: e }) => e.subject === id);
      expect(event.event.id).toBe(genuine.event.id);
      expect(stream.events.filter(({ event: e }) => e.subject === id)).toHaveLength(1);
    });

    it('sends public events to any integrator, confidential ones only to a caller holding the trilateral claim', async () => {
      const types = [T.submissionPublished];
      const uncleared = await connect({ types, token: await node.token(['integrator'], undefined, { sub: `public-only-${uuidv7()}` }) });
      const unclearedOperator = await connect({ types, token: await node.token(['operator'], undefined, { sub: `operator-${uuidv7()}` }) });
      const cleared = await connect({ types, token: await node.token(['integrator'], undefined, { sub: `cleared-${uuidv7()}`, trilateral: true }) });
      await Promise.all([uncleared.started(), unclearedOperator.started(), cleared.started()]);
      const submission = { ...EVENT_DATA_EXAMPLES[T.submissionPublished].shared, id: uuidv7(), country: 'ca' as const };
      const trilateral = await node.signed('ca', 'submissions', T.submissionPublished, { ...submission, version: 4, sharing: 'trilateral' }, 'confidential');
      const open = await node.signed('ca', 'submissions', T.submissionPublished, { ...submission, version: 5, sharing: 'public' }, 'public');
      // One key, one partition: the public version is read after the confidential one.
      await node.produce('ca', 'submissions', trilateral.message, open.message);

      for (const stream of [uncleared, unclearedOperator]) {
        await stream.next(({ event }) => event.id === open.event.id);
        expect(stream.events.filter(({ event }) => event.subject === submission.id).map(({ event }) => event.dataclassification)).toEqual(['public']);
      }
      await cleared.next(({ event }) => event.id === open.event.id);
      expect(cleared.events.filter(({ event }) => event.subject === submission.id).map(({ event }) => event.id)).toEqual([trilateral.event.id, open.event.id]);
    });

    it(`429 when one caller holds ${MAX_STREAMS_PER_CALLER} streams, while another caller still gets one`, async () => {
      const greedy = await node.token(['integrator'], undefined, { sub: `greedy-${uuidv7()}` });
      const held = [];
      for (let slot = 0; slot < MAX_STREAMS_PER_CALLER; slot++) held.push(await connect({ token: greedy }));
      expect(held.map((stream) => stream.response.status)).toEqual(held.map(() => 200));

      const refused = await connect({ token: greedy });
      expect(await problemOf(refused)).toMatchObject({
        status: 429,
        type: expect.stringMatching(/^application\/problem\+json/) as unknown,
        body: { detail: expect.stringContaining(`at most ${MAX_STREAMS_PER_CALLER} streams`) as unknown },
      });
      expect(refused.response.headers.get('retry-after')).toBe('5');

      const other = await connect({ token: await node.token(['integrator'], undefined, { sub: `other-${uuidv7()}` }) });
      expect(other.response.status).toBe(200);
      await other.started();
    });

    it('ends the stream when the bearer token expires', async () => {
      const stream = await connect({ token: await node.token(['integrator'], '2s', { trilateral: true }) });
      await stream.started();
      const ended = await Promise.race([stream.ended.then(() => 'ended'), sleep(10_000).then(() => 'still open')]);
      expect(ended).toBe('ended');
    });
  });

  describe('who sees the federation figures', () => {
    const get = (path: string, token?: string) => fetch(new URL(path, node.baseUrl), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const figures = /^naperj_federation_peer_health\{peer="ca"\} \d/m;

    it('serves /metrics, with the federation gauges, to operators and admins only', async () => {
      for (const role of ['operator', 'admin'] as const) {
        const scrape = await get('/metrics', await node.token([role]));
        expect(scrape.status).toBe(200);
        expect(await scrape.text()).toMatch(figures);
      }
      const anonymous = await get('/metrics');
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toMatch(/naperj_federation_/);
      for (const role of ['integrator', 'submitter'] as const) {
        const refused = await get('/metrics', await node.token([role], undefined, { trilateral: true }));
        expect({ role, status: refused.status, type: refused.headers.get('content-type') }).toEqual({
          role,
          status: 403,
          type: expect.stringMatching(/^application\/problem\+json/) as unknown,
        });
        expect(await refused.text()).not.toMatch(/naperj_federation_/);
      }
    });

    it('answers the federation status the dashboard shows to operators and admins only', async () => {
      for (const role of ['operator', 'admin'] as const) expect((await get('/api/v1/federation/status', await node.token([role]))).status).toBe(200);
      expect((await get('/api/v1/federation/status')).status).toBe(401);
      for (const role of ['integrator', 'submitter'] as const) {
        expect((await get('/api/v1/federation/status', await node.token([role], undefined, { trilateral: true }))).status).toBe(403);
      }
    });
  });

  describe('resuming with Last-Event-ID after the service restarts', () => {
    it('continues right after the last event received: the next ones exactly once, in order', async () => {
      const insight = uuidv7();
      const other = uuidv7();
      const types = [T.insightPublished];
      const before = await connect({ types });
      await before.started();
      const a = await node.insight('us', insight, 1);
      await node.produce('us', 'insights', a.message);
      const { event: receivedA } = await before.next(({ event }) => event.id === a.event.id);

      await node.stop();
      // A shutdown ends the stream; the client keeps its last id.
      await before.ended;
      const b = await node.insight('us', insight, 2);
      const b2 = await node.insight('us', other, 1);
      await node.produce('us', 'insights', b.message, b2.message);
      await node.start();

      const after = await connect({ types, lastEventId: receivedA.id });
      const ours = (event: { event: { subject: string } }) => event.event.subject === insight || event.event.subject === other;
      const { index: first } = await after.next(ours);
      const { index: second } = await after.next(ours, first + 1);
      expect([after.events[first]!.event.id, after.events[second]!.event.id].sort()).toEqual([b.event.id, b2.event.id].sort());

      const c = await node.insight('us', insight, 3);
      await node.produce('us', 'insights', c.message);
      await after.next(({ event }) => event.id === c.event.id);
      // A never again, B once: the entity's versions arrive as 2, 3.
      expect(after.events.filter(({ event }) => event.subject === insight).map(({ event }) => event.data.version)).toEqual([2, 3]);
      expect(after.events.filter(({ event }) => event.subject === other)).toHaveLength(1);
    }, 60_000);
  });
});
