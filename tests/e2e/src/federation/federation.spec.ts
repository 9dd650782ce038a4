import {
  type CountryCode,
  dlqTopic,
  EVENT_TYPES,
  type EventType,
  localKafkaBrokers,
  SHARED_STREAMS,
  sharedTopic,
  type SubmissionKind,
  validateEventData,
} from '@naperj/contracts';
import { createKafka, eventSource, loadOrCreateEventSigner, toKafkaMessage } from '@naperj/messaging';
import { Partitioners } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Caller, eventually, exportedSpans, median, type Page, publish, readTopics } from './federation-client';
import { REPO_ROOT } from './federation-paths';

const SERVER = 2;
const CONSUMER = 5;
const PEERS_OF_MX: CountryCode[] = ['us', 'ca'];

const practice = (title: string, sharing: 'national' | 'trilateral' | 'public') => ({
  kind: 'practice',
  title: { es: title },
  summary: { es: 'Prueba de extremo a extremo de la federación.' },
  originalLanguage: 'es',
  actionAreas: ['education'],
  sharing,
});

/** docs/architecture.md, Federation, Topics and Guarantees across three nodes, MirrorMaker 2 between them, driven over REST. */
describe('the federation of three nodes', () => {
  let mxSubmitter: Caller;
  let mxReviewer: Caller;
  const readers = {} as Record<CountryCode, Caller>;

  beforeAll(async () => {
    mxSubmitter = await Caller.of('mx', ['submitter'], 'SEP', 'e2e-mx-submitter');
    mxReviewer = await Caller.of('mx', ['reviewer'], 'CONAPRED', 'e2e-mx-reviewer');
    for (const country of ['us', 'mx', 'ca'] as const) readers[country] = await Caller.of(country, ['reviewer'], 'E2E', `e2e-${country}-reader`);
  });

  const visibleOn = async (country: CountryCode, id: string) => (await readers[country].call('GET', `/submissions/${id}`)).status === 200;
  /** The published practices of mx in education, as `country`'s reporting counts them. */
  const mxEducationPracticesOn = async (country: CountryCode): Promise<number> => {
    const { status, body } = await readers[country].call<Page<{ published: { byKind: Record<SubmissionKind, number> } }>>(
      'GET',
      '/indicators?country=mx&actionArea=education',
      undefined,
      undefined,
      'reporting',
    );
    expect(status).toBe(200);
    return body.items[0]!.published.byKind.practice;
  };
  const untilReportingCounts = (country: CountryCode, expected: number) =>
    eventually(`${country}'s reporting to count ${expected} mx practices`, async () =>
      (await mxEducationPracticesOn(country)) === expected ? true : undefined,
    );

  it("lists exactly every partner's shared submissions, the seeded ones included", async () => {
    const seeds = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/local/seed/submissions.json'), 'utf8')) as { country: CountryCode; sharing: string }[];
    for (const origin of ['us', 'mx', 'ca'] as const) {
      const own = await readers[origin].call<Page<{ id: string; sharing: string }>>('GET', `/submissions?country=${origin}&status=published&limit=100`);
      const shared = own.body.items
        .filter((item) => item.sharing !== 'national')
        .map((item) => item.id)
        .sort();
      expect(shared.length).toBeGreaterThanOrEqual(seeds.filter((seed) => seed.country === origin && seed.sharing !== 'national').length);
      for (const reader of (['us', 'mx', 'ca'] as const).filter((country) => country !== origin)) {
        await eventually(`${reader} to list the ${shared.length} shared submissions of ${origin}`, async () => {
          const { body } = await readers[reader].call<Page<{ id: string }>>('GET', `/submissions?country=${origin}&limit=100`);
          return JSON.stringify(body.items.map((item) => item.id).sort()) === JSON.stringify(shared) ? true : undefined;
        });
      }
    }
  });

  describe('a trilateral and a national submission published in mx', () => {
    let trilateral: { id: string; publishedAt: number };
    let national: { id: string; publishedAt: number };
    const latenciesMs: number[] = [];
    const practicesBefore = {} as Record<CountryCode, number>;

    beforeAll(async () => {
      for (const country of ['us', 'mx', 'ca'] as const) practicesBefore[country] = await mxEducationPracticesOn(country);
      trilateral = await publish(mxSubmitter, mxReviewer, practice('Tutorías entre pares en telesecundarias', 'trilateral'));
      national = await publish(mxSubmitter, mxReviewer, practice('Plan interno de la SEP', 'national'));
      for (const peer of PEERS_OF_MX) {
        await eventually(`the submission on ${peer}`, async () => ((await visibleOn(peer, trilateral.id)) ? true : undefined));
        latenciesMs.push(Date.now() - trilateral.publishedAt);
      }
    });

    it('appears in the us and ca listings, marked as from mx', async () => {
      for (const peer of PEERS_OF_MX) {
        const { body } = await readers[peer].call<Page<{ id: string; country: string }>>('GET', `/submissions?country=mx&q=telesecundarias`);
        expect(body.items.map((item) => [item.id, item.country])).toEqual([[trilateral.id, 'mx']]);
      }
      process.stderr.write(`publish in mx → visible in us and ca: median ${median(latenciesMs)} ms (${latenciesMs.join(', ')} ms)\n`);
    });

    it("counts in every node's reporting, the national one in mx's alone", async () => {
      await untilReportingCounts('mx', practicesBefore.mx + 2);
      for (const peer of PEERS_OF_MX) await untilReportingCounts(peer, practicesBefore[peer] + 1);
    });

    it('keeps the national one in mx', async () => {
      expect(await visibleOn('mx', national.id)).toBe(true);
      for (const peer of PEERS_OF_MX) expect(await visibleOn(peer, national.id)).toBe(false);
    });

    it("carries the mx request's trace id to the consumer span in us", async () => {
      const publishSpan = await eventually('the mx publish span', () =>
        exportedSpans().find((span) => span.country === 'mx' && span.kind === SERVER && span.name === 'POST /api/v1/submissions/:id/publish'),
      );
      const usConsumer = await eventually('a us consumer span in that trace', () =>
        exportedSpans().find((span) => span.country === 'us' && span.kind === CONSUMER && span.traceId === publishSpan.traceId),
      );
      expect(usConsumer.name).toBe(`process ${sharedTopic('mx', 'submissions')}`);
    });

    it('is removed from us and ca after its withdrawal in mx', async () => {
      const withdrawn = await mxSubmitter.call('POST', `/submissions/${trilateral.id}/withdraw`, { reason: 'Prueba' }, 4);
      expect(withdrawn.status).toBe(200);
      for (const peer of PEERS_OF_MX) {
        await eventually(`the withdrawal on ${peer}`, async () => ((await visibleOn(peer, trilateral.id)) ? undefined : true));
        await untilReportingCounts(peer, practicesBefore[peer]);
      }
      await untilReportingCounts('mx', practicesBefore.mx + 1);
    });
  });

  it('lets no mx private topic, event type or field reach the us and ca clusters', async () => {
    const sharedTypes = new Set<string>([EVENT_TYPES.submissionPublished, EVENT_TYPES.submissionWithdrawn]);
    for (const peer of PEERS_OF_MX) {
      const admin = createKafka({ brokers: [localKafkaBrokers(peer)], clientId: 'e2e-scan', log: () => undefined }).admin();
      await admin.connect();
      const mxShared = SHARED_STREAMS.map((stream) => sharedTopic('mx', stream));
      const mxTopics = (await admin.listTopics()).filter((topic) => topic.startsWith('mx.'));
      await admin.disconnect();
      expect(mxTopics.filter((topic) => !mxShared.includes(topic))).toEqual([]);
      const messages = (await readTopics(peer, mxTopics)).filter((message) => message.value !== null);
      expect(messages.length).toBeGreaterThan(0);
      for (const { topic, decoded } of messages) {
        expect(decoded).toBeDefined();
        const { type, data } = decoded!.event;
        if (topic === sharedTopic('mx', 'submissions')) expect(sharedTypes).toContain(type);
        // Shared payload classes refuse unknown fields: a private field would fail here.
        expect(validateEventData(type as EventType, 'shared', data)).toMatchObject({ ok: true });
      }
    }
  });

  it('sends forged mx events produced straight into the us cluster to the DLQ, never listing them', async () => {
    const forged = [uuidv7(), uuidv7()];
    const producer = createKafka({ brokers: [localKafkaBrokers('us')], clientId: 'e2e-forger', log: () => undefined }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const usKey = await loadOrCreateEventSigner(join(REPO_ROOT, '.secrets'), 'us');
    const events = forged.map((id) => ({
      id: uuidv7(),
      source: eventSource('mx', 'submissions'),
      type: EVENT_TYPES.submissionPublished,
      time: new Date().toISOString(),
      subject: id,
      dataclassification: 'confidential' as const,
      data: { id, country: 'mx', version: 4 },
    }));
    const signedByUs = toKafkaMessage(events[1]!, usKey);
    const unsigned = toKafkaMessage(events[0]!, usKey);
    delete unsigned.headers!['ce_sig'];
    delete unsigned.headers!['ce_sigkid'];
    await producer.send({ topic: sharedTopic('mx', 'submissions'), acks: -1, messages: [unsigned, signedByUs] });
    await producer.disconnect();

    const dlq = await eventually('both forgeries in the us submissions DLQ', async () => {
      const dead = (await readTopics('us', [dlqTopic('us', 'submissions')])).filter((message) => events.some((event) => message.headers['ce_id'] === event.id));
      return dead.length >= 2 ? dead : undefined;
    });
    expect(dlq.every((message) => Object.keys(message.headers).some((name) => name.startsWith('dlq_')))).toBe(true);
    for (const id of forged) expect(await visibleOn('us', id)).toBe(false);
  });
});
