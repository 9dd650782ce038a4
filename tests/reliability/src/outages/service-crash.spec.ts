import { EVENT_TYPES, type EventType, localMongodbUri, type Role, type ServiceName } from '@naperj/contracts';
import { issueDevToken } from '@naperj/service-kit';
import { eventually } from '@naperj/service-kit/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENGINES_COUNTRY } from '../support/in-process-service';
import { writeResult } from '../support/reliability-results';
import { draftsCounted, KEPT_REPORTING_DATABASE } from '../support/reporting-counts';
import { buildServices, ServiceProcess } from '../support/service-process';
import { SteadyLoad } from '../support/steady-load';

/** Each kill comes this long after the previous restart, while the relay and the consumers are busy with the ingest. */
const BETWEEN_KILLS_MS = 6000;
/** Each stream's writes; reporting's projection, slow on FerretDB, must keep up with the submissions stream. */
const INGEST_PER_SECOND = 5;
const RUN = randomUUID().slice(0, 8);
const SERVICES: ServiceName[] = ['submissions', 'reporting', 'expert-network', 'community-engagement'];

/**
 * A write path under SIGKILLs: what the writing service is sent, what it records, and the read
 * model that must end up counting exactly what was recorded.
 */
interface CrashedStream {
  name: string;
  writer: ServiceName;
  /** The role of the caller of `path`. */
  role: Role;
  path: string;
  body: (index: number) => object;
  /** The event each accepted request records. */
  recorded: EventType;
  /** The processes killed in turn, twice each. */
  victims: ServiceName[];
  /** The read model's count, from its service's API; undefined while it does not answer. */
  counted: (processes: Record<ServiceName, ServiceProcess>, authorization: string) => Promise<number | undefined>;
}

const STREAMS: CrashedStream[] = [
  {
    name: 'drafts counted by reporting',
    writer: 'submissions',
    role: 'submitter',
    path: '/api/v1/submissions',
    body: (index) => ({
      kind: 'practice',
      title: { es: `Defensoría pública intercultural ${index}` },
      summary: { es: 'Intérpretes de lenguas indígenas en cada audiencia.' },
      originalLanguage: 'es',
      actionAreas: ['justice-system'],
      sharing: 'national',
    }),
    recorded: EVENT_TYPES.submissionDrafted,
    victims: ['submissions', 'reporting'],
    counted: ({ reporting }, authorization) => draftsCounted(reporting.baseUrl, authorization, 'justice-system'),
  },
  {
    name: 'experts listed by the directory',
    writer: 'expert-network',
    role: 'liaison',
    path: '/api/v1/experts',
    body: (index) => ({
      name: `Intérprete ${RUN} ${index}`,
      bio: { es: 'Intérprete de lenguas indígenas en audiencias judiciales.' },
      originalLanguage: 'es',
      actionAreas: ['justice-system'],
      languages: ['es', 'tzo'],
      userId: `interprete-${RUN}-${index}`,
      consent: { shareProfile: true, contactable: false, review: false, wordingVersion: '2026-09' },
    }),
    recorded: EVENT_TYPES.expertRegistered,
    victims: ['expert-network'],
    counted: ({ 'expert-network': expertNetwork }, authorization) =>
      countListed(`${expertNetwork.baseUrl}/api/v1/experts?country=${ENGINES_COUNTRY}&q=${RUN}`, authorization, () => true),
  },
  {
    name: 'consultations listed',
    writer: 'community-engagement',
    role: 'liaison',
    path: '/api/v1/consultations',
    body: (index) => ({
      title: { es: `Consulta ${RUN} ${index}` },
      originalLanguage: 'es',
      actionAreas: ['justice-system'],
      themes: [{ key: 'interpreters', label: { es: 'Intérpretes', en: 'Interpreters' } }],
    }),
    recorded: EVENT_TYPES.consultationOpened,
    victims: ['community-engagement'],
    // The listing holds every consultation of the node's topic, earlier runs' too.
    counted: ({ 'community-engagement': communityEngagement }, authorization) =>
      countListed(`${communityEngagement.baseUrl}/api/v1/consultations?`, authorization, (item) =>
        JSON.stringify((item as { title?: unknown }).title).includes(RUN),
      ),
  },
];

/** The items of every page of a listing that `matches` keeps; undefined while the service does not answer. */
async function countListed(url: string, authorization: string, matches: (item: unknown) => boolean): Promise<number | undefined> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const response = await fetch(`${url}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization } }).catch(
      () => undefined,
    );
    if (!response?.ok) return undefined;
    const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    total += page.items.filter(matches).length;
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

describe('SIGKILL (R3): services killed mid-stream and restarted', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-reliability-'));
  const databases = Object.fromEntries(SERVICES.map((service) => [service, `naperj_reliability_crash_${service.replace(/-/g, '_')}_${RUN}`]));
  databases.reporting = KEPT_REPORTING_DATABASE;
  const processes = Object.fromEntries(
    SERVICES.map((service) => [
      service,
      new ServiceProcess({ service, secretsDir, database: databases[service]!, env: { RATE_LIMIT_WRITES_PER_MINUTE: '999999' } }),
    ]),
  ) as Record<ServiceName, ServiceProcess>;
  const outcomes: Record<string, unknown>[] = [];
  let connection: mongoose.Connection;

  beforeAll(async () => {
    buildServices(SERVICES);
    for (const service of SERVICES) await processes[service].start();
    connection = await mongoose.createConnection(localMongodbUri(ENGINES_COUNTRY)).asPromise();
  }, 600_000);

  afterAll(async () => {
    try {
      await Promise.all(SERVICES.map((service) => processes[service].stop()));
      for (const [service, database] of Object.entries(databases)) if (service !== 'reporting') await connection.useDb(database).dropDatabase();
    } finally {
      await connection.close();
    }
    writeResult('r3', {
      passed: outcomes.length === STREAMS.length && outcomes.every(({ passed }) => passed === true),
      figure: outcomes.map(({ figure }) => figure).join('; '),
      streams: outcomes,
    });
  }, 120_000);

  /** What the writer has recorded: the subjects of its `recorded` events, in its event store (`<service>_events`). */
  function recordedSubjects({ writer, recorded }: CrashedStream): Promise<string[]> {
    return connection.useDb(databases[writer]!).collection<{ subject: string }>(`${writer}_events`).distinct('subject', { type: recorded });
  }

  // At once, each stream on its own services: the kills of one land while the others' ingest runs too.
  it.concurrent.each(STREAMS)(
    '$name: exactly what was recorded, however often each process was killed',
    async (stream) => {
      const authorization = `Bearer ${await issueDevToken({ secretsDir, country: ENGINES_COUNTRY, agency: 'SRE', roles: [stream.role], sub: `r3-${RUN}` })}`;
      const count = () => stream.counted(processes, authorization);
      /** The count once two reads five seconds apart agree. */
      const settledCount = async (timeoutMs: number): Promise<number> => {
        const deadline = Date.now() + timeoutMs;
        let last = await eventually('the read model to answer', count, timeoutMs);
        for (;;) {
          await sleep(5000);
          const next = await eventually('the read model to answer', count, timeoutMs);
          if (next === last || Date.now() > deadline) return next;
          last = next;
        }
      };
      // The read model first applies what its topics already hold.
      const before = await settledCount(600_000);
      const load = new SteadyLoad({
        perSecond: INGEST_PER_SECOND,
        timeoutMs: 15_000,
        send: (index, signal) =>
          fetch(`${processes[stream.writer].baseUrl}${stream.path}`, {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            body: JSON.stringify(stream.body(index)),
            signal,
          }),
      });
      const kills: string[] = [];
      for (const victim of [...stream.victims, ...stream.victims]) {
        await sleep(BETWEEN_KILLS_MS);
        await processes[victim].kill();
        kills.push(`${victim} at ${(load.now() / 1000).toFixed(1)} s`);
        await processes[victim].start();
      }
      await sleep(BETWEEN_KILLS_MS);
      const samples = await load.stop();

      const accepted = samples.filter(({ status }) => status === 201).map(({ body }) => (body as { id: string }).id);
      const recorded = await recordedSubjects(stream);
      const missing = accepted.filter((id) => !recorded.includes(id));
      await eventually(
        'the read model to count everything recorded',
        async () => ((await count()) ?? 0) >= before + recorded.length || undefined,
        120_000,
      ).catch(() => undefined);
      const counted = (await settledCount(120_000)) - before;
      const passed = missing.length === 0 && counted === recorded.length;
      outcomes.push({
        stream: stream.name,
        passed,
        figure:
          `${stream.name}, ${kills.length} SIGKILLs (${kills.join(', ')}) during ${samples.length} writes: ${recorded.length} recorded ` +
          `(${accepted.length} answered 201, ${missing.length} of those missing), ${counted} counted`,
        kills,
        requests: samples.length,
        accepted: accepted.length,
        unanswered: samples.filter(({ status }) => status === 0).length,
        recorded: recorded.length,
        acceptedButMissing: missing.length,
        counted,
      });
      expect(missing).toEqual([]);
      expect(counted).toBe(recorded.length);
    },
    1_200_000,
  );
});
