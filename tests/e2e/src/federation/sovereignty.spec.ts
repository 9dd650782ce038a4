import { type CountryCode, localKafkaBrokers, localMongodbUri } from '@naperj/contracts';
import { createKafka } from '@naperj/messaging';
import mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { Caller, eventually, type Page, publish, readTopics } from './federation-client';
import { writeReliabilityFigures } from './reliability-figures';

const PARTNERS_OF_MX: CountryCode[] = ['us', 'ca'];

/** Where a scan found a marker: a topic's message or a collection's document. */
interface Finding {
  country: CountryCode;
  place: string;
  marker: string;
}

/**
 * R8 of the reliability suite: after the demo and every other suite, mx writes each kind of
 * private data with a marker of its own — a contact, a testimony and its contact, a reviewer's
 * comment, a draft never submitted, a national submission — and one shared submission with a
 * marker that must cross. Every topic and every collection of us and ca is then read whole:
 * no private marker may be found, the shared one must be (so the scan can see).
 */
describe('sovereignty scan (R8): no private field of mx in us or ca', () => {
  const run = uuidv7().slice(-8);
  const privateMarkers = {
    expertContact: `r8-contact-${run}@example.org`,
    testimony: `r8-testimony-${run}`,
    contributionContact: `r8-participant-${run}@example.org`,
    reviewerComment: `r8-review-comment-${run}`,
    draft: `r8-draft-${run}`,
    nationalSubmission: `r8-national-${run}`,
  };
  const sharedMarker = `r8-shared-${run}`;
  const markers = [...Object.values(privateMarkers), sharedMarker];
  const findings: Finding[] = [];
  const scanned = { messages: 0, documents: 0, topics: 0, collections: 0 };
  let submitter: Caller;
  let reviewer: Caller;
  let liaison: Caller;
  const readers = {} as Record<CountryCode, Caller>;

  const submission = (title: string, sharing: 'national' | 'trilateral') => ({
    kind: 'practice',
    title: { es: title },
    summary: { es: 'Prueba de soberanía de los datos.' },
    originalLanguage: 'es',
    actionAreas: ['justice-system'],
    sharing,
  });

  beforeAll(async () => {
    submitter = await Caller.of('mx', ['submitter'], 'SEP', `e2e-r8-submitter-${run}`);
    reviewer = await Caller.of('mx', ['reviewer'], 'CONAPRED', `e2e-r8-reviewer-${run}`);
    liaison = await Caller.of('mx', ['liaison'], 'SRE', `e2e-r8-liaison-${run}`);
    for (const country of PARTNERS_OF_MX) readers[country] = await Caller.of(country, ['reviewer'], 'E2E', `e2e-r8-${country}-reader`);
  });

  it('writes each kind of private data in mx, and a shared submission after it', async () => {
    const expert = await liaison.call(
      'POST',
      '/experts',
      {
        name: `Experta R8 ${run}`,
        bio: { es: 'Defensora comunitaria.' },
        originalLanguage: 'es',
        actionAreas: ['justice-system'],
        languages: ['es', 'maz'],
        userId: `e2e-r8-expert-${run}`,
        contact: { email: privateMarkers.expertContact },
        consent: { shareProfile: true, contactable: true, review: true, wordingVersion: '2026-09' },
      },
      undefined,
      'expert-network',
    );
    expect(expert.status).toBe(201);

    const consultation = await liaison.call<{ id: string }>(
      'POST',
      '/consultations',
      {
        title: { es: `Consulta R8 ${run}` },
        originalLanguage: 'es',
        actionAreas: ['justice-system'],
        themes: [{ key: 'interpreters', label: { es: 'Intérpretes', en: 'Interpreters' } }],
      },
      undefined,
      'community-engagement',
    );
    expect(consultation.status).toBe(201);
    const contribution = await liaison.call(
      'POST',
      `/consultations/${consultation.body.id}/contributions`,
      {
        text: `Testimonio ${privateMarkers.testimony}`,
        language: 'es-MX',
        themes: ['interpreters'],
        contact: { email: privateMarkers.contributionContact },
        consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09' },
      },
      undefined,
      'community-engagement',
    );
    expect(contribution.status).toBe(201);

    expect((await submitter.call('POST', '/submissions', submission(privateMarkers.draft, 'trilateral'))).status).toBe(201);
    await publish(submitter, reviewer, submission(privateMarkers.nationalSubmission, 'national'));

    // The shared one carries a reviewer's comment, which stays in mx while the submission crosses.
    const shared = await submitter.call<{ id: string }>('POST', '/submissions', submission(sharedMarker, 'trilateral'));
    expect(shared.status).toBe(201);
    expect((await submitter.call('POST', `/submissions/${shared.body.id}/submit`, undefined, 1)).status).toBe(200);
    const review = await reviewer.call('POST', `/submissions/${shared.body.id}/reviews`, { decision: 'approve', comment: privateMarkers.reviewerComment }, 2);
    expect(review.status).toBe(200);
    expect((await reviewer.call('POST', `/submissions/${shared.body.id}/publish`, undefined, 3)).status).toBe(200);
    for (const country of PARTNERS_OF_MX) {
      await eventually(
        `the shared submission on ${country}`,
        async () => ((await readers[country].call('GET', `/submissions/${shared.body.id}`)).status === 200 ? true : undefined),
        120_000,
      );
      await eventually(
        `mx's new expert in ${country}'s directory`,
        async () => {
          const { body } = await readers[country].call<Page<{ name: string }>>('GET', `/experts?country=mx&q=${run}`, undefined, undefined, 'expert-network');
          return body.items.length > 0 ? true : undefined;
        },
        120_000,
      );
    }
  }, 300_000);

  it.each(PARTNERS_OF_MX)(
    'reads every topic of %s whole, finding no private marker of mx',
    async (country) => {
      const admin = createKafka({ brokers: [localKafkaBrokers(country)], clientId: 'e2e-r8-scan', log: () => undefined }).admin();
      await admin.connect();
      // Kafka's own topics (offsets, transactions) hold no records of the platform.
      const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
      await admin.disconnect();
      const messages = await readTopics(country, topics);
      scanned.topics += topics.length;
      scanned.messages += messages.length;
      for (const { topic, key, value, headers } of messages) {
        const text = [key, value?.toString('utf8') ?? '', ...Object.values(headers)].join('\n');
        for (const marker of markers) if (text.includes(marker)) findings.push({ country, place: `topic ${topic}`, marker });
      }
      expect(findings.filter((finding) => finding.country === country && finding.marker !== sharedMarker)).toEqual([]);
      expect(findings.some((finding) => finding.country === country && finding.marker === sharedMarker && finding.place.startsWith('topic'))).toBe(true);
    },
    300_000,
  );

  it.each(PARTNERS_OF_MX)(
    'reads every collection of every database of %s whole, finding no private marker of mx',
    async (country) => {
      const connection = await mongoose.createConnection(localMongodbUri(country)).asPromise();
      try {
        const { databases } = await connection.db!.admin().listDatabases({ nameOnly: true });
        for (const { name } of databases) {
          const db = connection.useDb(name, { useCache: false }).db!;
          for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
            scanned.collections += 1;
            for await (const document of db.collection(collection).find()) {
              scanned.documents += 1;
              const text = JSON.stringify(document);
              for (const marker of markers) if (text.includes(marker)) findings.push({ country, place: `collection ${name}.${collection}`, marker });
            }
          }
        }
      } finally {
        await connection.close();
      }
      expect(findings.filter((finding) => finding.country === country && finding.marker !== sharedMarker)).toEqual([]);
      expect(findings.some((finding) => finding.country === country && finding.marker === sharedMarker && finding.place.startsWith('collection'))).toBe(true);
    },
    300_000,
  );

  afterAll(() => {
    const leaks = findings.filter(({ marker }) => marker !== sharedMarker);
    const sharedFound = new Set(findings.filter(({ marker }) => marker === sharedMarker).map(({ country, place }) => `${country} ${place.split(' ')[0]}`));
    writeReliabilityFigures('r8', {
      passed: leaks.length === 0 && sharedFound.size === 2 * PARTNERS_OF_MX.length,
      figure:
        `${scanned.messages} messages of ${scanned.topics} topics and ${scanned.documents} documents of ${scanned.collections} collections of us and ca read: ` +
        `${leaks.length} private fields of mx found (${Object.keys(privateMarkers).join(', ')}); the shared control found in ${sharedFound.size} of 4 places`,
      privateKinds: Object.keys(privateMarkers),
      scanned,
      leaks,
      sharedControlFoundIn: [...sharedFound],
    });
  });
});
