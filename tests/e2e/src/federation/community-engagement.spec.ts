import { type CountryCode, K_ANONYMITY, localKafkaBrokers, localMongodbUri, localServicePort, sharedTopic } from '@naperj/contracts';
import { createKafka } from '@naperj/messaging';
import mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { Caller, eventually, type Page, readTopics } from './federation-client';

const PARTNERS_OF_MX: CountryCode[] = ['us', 'ca'];

interface Count {
  count: number | null;
  suppressed: boolean;
}

interface Insight {
  consultationId: string;
  country: CountryCode;
  version: number;
  cells: (Count & { theme: string; actionArea: string })[];
  themes: (Count & { key: string })[];
  actionAreaCounts: Count[];
  total: Count;
}

/** Every count an insight shows: none may be below k. */
const countsOf = (insight: Insight): (number | null)[] =>
  [...insight.cells, ...insight.themes, ...insight.actionAreaCounts, insight.total].map((value) => value.count);

/**
 * docs/architecture.md, REST: community-engagement, across the three nodes: testimony stays in
 * mx, and only its k-anonymous insight reaches the partners, a withdrawal folded into its
 * next version.
 */
describe('a community consultation in mx', () => {
  const run = uuidv7().slice(-8);
  const testimony = `Testimonio de prueba ${run}: me negaron la atención por mi lengua.`;
  const contactEmail = `e2e-participant-${run}@example.org`;
  const contributions: { id: string; receiptCode: string }[] = [];
  const readers = {} as Record<CountryCode, Caller>;
  let liaison: Caller;
  let consultation: { id: string; version: number };

  const contribute = async (theme: string) => {
    const { status, body } = await liaison.call<{ id: string; receiptCode: string }>(
      'POST',
      `/consultations/${consultation.id}/contributions`,
      {
        text: testimony,
        language: 'es-MX',
        themes: [theme],
        demographics: { ageBand: '30-44', identityGroups: ['indigenous'] },
        contact: { email: contactEmail },
        consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09' },
      },
      undefined,
      'community-engagement',
    );
    expect(status).toBe(201);
    contributions.push(body);
  };
  const insightOn = async (country: CountryCode, minVersion: number): Promise<Insight | undefined> => {
    const { body } = await readers[country].call<Page<Insight>>('GET', '/insights?country=mx&limit=100', undefined, undefined, 'community-engagement');
    return body.items.find((item) => item.consultationId === consultation.id && item.version >= minVersion);
  };
  const cell = (insight: Insight, theme: string) => insight.cells.find((entry) => entry.theme === theme)!;

  beforeAll(async () => {
    for (const country of ['us', 'mx', 'ca'] as const) readers[country] = await Caller.of(country, ['liaison'], 'E2E', `e2e-ce-${country}-reader`);
    liaison = await Caller.of('mx', ['liaison'], 'CONAPRED', `e2e-ce-mx-liaison-${run}`);
    const created = await liaison.call<{ id: string; version: number; status: string }>(
      'POST',
      '/consultations',
      {
        title: { es: `Justicia en tu lengua ${run}` },
        originalLanguage: 'es',
        actionAreas: ['justice-system'],
        themes: [
          { key: 'interpreters', label: { es: 'Intérpretes', en: 'Interpreters' } },
          { key: 'legal-aid', label: { es: 'Defensoría', en: 'Legal aid' } },
        ],
      },
      undefined,
      'community-engagement',
    );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('open');
    consultation = created.body;
  });

  it('shares an insight with the partners once k contributions consented, its small cells suppressed', async () => {
    for (let i = 0; i < K_ANONYMITY; i += 1) await contribute('interpreters');
    for (const partner of PARTNERS_OF_MX) {
      const insight = await eventually(`the first insight on ${partner}`, () => insightOn(partner, 1));
      expect(cell(insight, 'interpreters')).toEqual(expect.objectContaining({ count: K_ANONYMITY, suppressed: false }));
      expect(cell(insight, 'legal-aid')).toEqual(expect.objectContaining({ count: null, suppressed: true }));
    }
  });

  it('never shows or shares a cell of four, and folds a withdrawal by receipt code into the next version', async () => {
    for (let i = 0; i < K_ANONYMITY - 1; i += 1) await contribute('legal-aid');
    const withdrawn = contributions[0]!;
    const erase = await fetch(`http://127.0.0.1:${localServicePort('mx', 'community-engagement')}/api/v1/contributions/${withdrawn.id}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiptCode: withdrawn.receiptCode }),
    });
    expect(erase.status).toBe(204);
    const listed = await liaison.call<Page<{ id: string }>>(
      'GET',
      `/consultations/${consultation.id}/contributions?limit=100`,
      undefined,
      undefined,
      'community-engagement',
    );
    expect(listed.body.items.map((item) => item.id)).not.toContain(withdrawn.id);
    expect(listed.body.items).toHaveLength(2 * K_ANONYMITY - 2);

    const current = await liaison.call<{ version: number }>('GET', `/consultations/${consultation.id}`, undefined, undefined, 'community-engagement');
    const closed = await liaison.call('POST', `/consultations/${consultation.id}/close`, undefined, current.body.version, 'community-engagement');
    expect(closed.status).toBe(200);

    for (const partner of PARTNERS_OF_MX) {
      const insight = await eventually(`the closing insight on ${partner}`, () => insightOn(partner, 2));
      // Four contributions are left in each cell: both hidden, the withdrawal changed the first one.
      expect(cell(insight, 'interpreters')).toEqual(expect.objectContaining({ count: null, suppressed: true }));
      expect(cell(insight, 'legal-aid')).toEqual(expect.objectContaining({ count: null, suppressed: true }));
    }
    const versions = (await readTopics('us', [sharedTopic('mx', 'insights')]))
      .filter((message) => message.decoded && (message.decoded.event.data as Insight).consultationId === consultation.id)
      .map((message) => message.decoded!.event.data as Insight);
    expect(versions.map((insight) => insight.version)).toEqual([1, 2]);
    for (const insight of versions) for (const count of countsOf(insight)) expect(count === null || count >= K_ANONYMITY).toBe(true);
  });

  it('leaves no testimony, contact, demographics or contribution id in the partners’ clusters or databases', async () => {
    const secrets = [testimony, contactEmail, ...contributions.flatMap(({ id, receiptCode }) => [id, receiptCode])];
    const personalMembers = ['"demographics"', '"ageBand"', '"identityGroups"', '"testimony"', '"contact"', '"receiptCode"'];
    const leaks = (where: string, text: string) => [
      ...secrets.filter((secret) => text.includes(secret)).map((secret) => `${where} holds ${secret}`),
      ...personalMembers.filter((member) => text.includes(member)).map((member) => `${where} holds ${member}`),
    ];
    for (const partner of PARTNERS_OF_MX) {
      const admin = createKafka({ brokers: [localKafkaBrokers(partner)], clientId: 'e2e-testimony-scan', log: () => undefined }).admin();
      await admin.connect();
      const mxTopics = (await admin.listTopics()).filter((topic) => topic.startsWith('mx.'));
      await admin.disconnect();
      const messages = await readTopics(partner, mxTopics);
      expect(messages.some((message) => message.topic === sharedTopic('mx', 'insights'))).toBe(true);
      expect(
        messages.flatMap(({ topic, key, value, headers }) => leaks(`${partner}:${topic}`, `${key}${value?.toString('utf8') ?? ''}${JSON.stringify(headers)}`)),
      ).toEqual([]);

      const connection = await mongoose.createConnection(localMongodbUri(partner)).asPromise();
      try {
        const found: string[] = [];
        for (const { name } of await connection.db!.listCollections().toArray()) {
          // The partner's own contributions have personal members of their own (sealed): only what names mx's consultation must have none.
          for (const document of await connection.db!.collection(name).find().toArray()) {
            const text = JSON.stringify(document);
            found.push(...(text.includes(consultation.id) ? leaks(`${partner} database ${name}`, text) : secrets.filter((secret) => text.includes(secret))));
          }
        }
        expect(found).toEqual([]);
      } finally {
        await connection.close();
      }
    }
  });
});
