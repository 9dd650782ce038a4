import { EVENT_TYPES, localMongodbUri } from '@naperj/contracts';
import type { IndicatorRow } from '@naperj/reporting/indicators/indicator-rows';
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
import { buildServices, ServiceProcess } from '../support/service-process';
import { SteadyLoad } from '../support/steady-load';

const ACTION_AREA = 'justice-system';
/** Each kill comes this long after the previous restart, while the relay and the consumers are busy with the ingest. */
const BETWEEN_KILLS_MS = 6000;

describe('SIGKILL (R3): the submissions and reporting processes killed mid-stream and restarted', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-reliability-'));
  const submissionsDatabase = `naperj_reliability_crash_submissions_${randomUUID().slice(0, 8)}`;
  const submissions = new ServiceProcess({
    service: 'submissions',
    secretsDir,
    database: submissionsDatabase,
    env: { RATE_LIMIT_WRITES_PER_MINUTE: '999999' },
  });
  // Kept between runs: its read models resume where they committed instead of counting the topic's whole history.
  const reporting = new ServiceProcess({ service: 'reporting', secretsDir, database: 'naperj_reliability_crash_reporting' });
  let authorization = '';
  let database: mongoose.Connection;

  /** The node's drafts in the action area, as reporting counts them; undefined while it does not answer. */
  const draftsCounted = async (): Promise<number | undefined> => {
    const url = `${reporting.baseUrl}/api/v1/indicators?country=${ENGINES_COUNTRY}&actionArea=${ACTION_AREA}`;
    const response = await fetch(url, { headers: { authorization } }).catch(() => undefined);
    if (!response?.ok) return undefined;
    const { items } = (await response.json()) as { items: IndicatorRow[] };
    return items.reduce((total, row) => total + (row.submissionsByStatus?.draft ?? 0), 0);
  };

  /** The count once two reads five seconds apart agree. */
  const settledCount = async (timeoutMs: number): Promise<number> => {
    let last = await eventually('reporting to answer', draftsCounted, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await sleep(5000);
      const next = await eventually('reporting to answer', draftsCounted, timeoutMs);
      if (next === last || Date.now() > deadline) return next;
      last = next;
    }
  };

  beforeAll(async () => {
    buildServices(['submissions', 'reporting']);
    authorization = `Bearer ${await issueDevToken({ secretsDir, country: ENGINES_COUNTRY, agency: 'SRE', roles: ['submitter'] })}`;
    await submissions.start();
    await reporting.start();
    const uri = new URL(localMongodbUri(ENGINES_COUNTRY));
    uri.pathname = `/${submissionsDatabase}`;
    database = await mongoose.createConnection(uri.toString()).asPromise();
  }, 600_000);

  afterAll(async () => {
    await Promise.all([submissions.stop(), reporting.stop()]);
    await database.dropDatabase();
    await database.close();
  }, 120_000);

  it('counts exactly what was written, however often each process was killed', async () => {
    // Reporting's read models first apply what the topic already holds.
    const before = await settledCount(600_000);
    const load = new SteadyLoad({
      perSecond: 10,
      timeoutMs: 15_000,
      send: (index, signal) =>
        fetch(`${submissions.baseUrl}/api/v1/submissions`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'practice',
            title: { es: `Defensoría pública intercultural ${index}` },
            summary: { es: 'Intérpretes de lenguas indígenas en cada audiencia.' },
            originalLanguage: 'es',
            actionAreas: [ACTION_AREA],
            sharing: 'national',
          }),
          signal,
        }),
    });
    const kills: string[] = [];
    for (const victim of [submissions, reporting, submissions, reporting]) {
      await sleep(BETWEEN_KILLS_MS);
      await victim.kill();
      kills.push(`${victim.service} at ${(load.now() / 1000).toFixed(1)} s`);
      await victim.start();
    }
    await sleep(BETWEEN_KILLS_MS);
    const samples = await load.stop();

    const accepted = samples.filter(({ status }) => status === 201).map(({ body }) => (body as { id: string }).id);
    const written = await database.collection('submissions_events').distinct('subject', { type: EVENT_TYPES.submissionDrafted });
    const missing = accepted.filter((id) => !written.includes(id));
    await eventually(
      'reporting to count every draft written',
      async () => ((await draftsCounted()) ?? 0) >= before + written.length || undefined,
      120_000,
    ).catch(() => undefined);
    const counted = (await settledCount(120_000)) - before;

    writeResult('r3', {
      passed: missing.length === 0 && counted === written.length,
      figure:
        `${kills.length} SIGKILLs (${kills.join(', ')}) during ${samples.length} writes: ${written.length} drafts written ` +
        `(${accepted.length} answered 201, ${missing.length} of those missing), reporting counted ${counted}`,
      kills,
      requests: samples.length,
      accepted: accepted.length,
      unanswered: samples.filter(({ status }) => status === 0).length,
      written: written.length,
      acceptedButMissing: missing.length,
      countedByReporting: counted,
    });
    expect(missing).toEqual([]);
    expect(counted).toBe(written.length);
  }, 1_200_000);
});
