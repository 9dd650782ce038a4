import type { IndicatorRow } from '@naperj/reporting/indicators/indicator-rows';
import { AppModule as ReportingModule } from '@naperj/reporting/app.module';
import { issueDevToken } from '@naperj/service-kit';
import { eventually } from '@naperj/service-kit/testing';
import { AppModule as SubmissionsModule } from '@naperj/submissions/app.module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { restartEngines, stopEngine } from '../support/engine-outage';
import { ENGINES_COUNTRY, InProcessService } from '../support/in-process-service';
import { writeResult } from '../support/reliability-results';
import { type LoadSample, SteadyLoad } from '../support/steady-load';
import { draftOf } from './outage-load';
import { ReportingCatchUp } from './reporting-catch-up';

const OUTAGE_MS = 20_000;
/** The promise of docs/architecture.md: a request that cannot reach the database gets 503 within 2 s. */
const ANSWER_WITHIN_MS = 2000;
/** Once the database answers again, writes may fail this long while the connection pool reconnects. */
const RECOVERY_MS = 3000;
const ACTION_AREA = 'ballot-access';

describe('database down (R2): the submissions and reporting services while the node’s FerretDB is stopped', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-reliability-'));
  const submissions = new InProcessService({
    service: 'submissions',
    appModule: SubmissionsModule,
    secretsDir,
    env: { RATE_LIMIT_WRITES_PER_MINUTE: '999999' },
  });
  const reporting = new InProcessService({ service: 'reporting', appModule: ReportingModule, secretsDir });
  let authorization: string;

  /** The node's drafts in the action area, as reporting counts them from the submissions topic. */
  const draftsCounted = async (): Promise<number> => {
    const response = await fetch(`${reporting.baseUrl}/api/v1/indicators?country=${ENGINES_COUNTRY}&actionArea=${ACTION_AREA}`, { headers: { authorization } });
    const { items } = (await response.json()) as { items: IndicatorRow[] };
    return items.reduce((total, row) => total + (row.submissionsByStatus?.draft ?? 0), 0);
  };

  beforeAll(async () => {
    await submissions.start();
    await reporting.start();
    authorization = `Bearer ${await issueDevToken({ secretsDir, country: ENGINES_COUNTRY, agency: 'SRE', roles: ['submitter'] })}`;
  }, 120_000);

  afterAll(async () => {
    await restartEngines();
    await Promise.all([submissions.close(), reporting.close()]);
  }, 120_000);

  it('answers 503 problem+json within 2 s while it is down, never hangs, and loses nothing it accepted', async () => {
    // The topic keeps earlier runs' submissions, which reporting's new database counts too.
    const catchUp = new ReportingCatchUp(reporting);
    await catchUp.caughtUp();
    const before = await draftsCounted();
    const load = new SteadyLoad({
      perSecond: 10,
      timeoutMs: 15_000,
      send: (index, signal) =>
        fetch(`${submissions.baseUrl}/api/v1/submissions`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(draftOf(index, ACTION_AREA)),
          signal,
        }),
    });
    await sleep(3000);
    await stopEngine('ferretdb');
    const downAt = load.now();
    await sleep(OUTAGE_MS);
    const restartAt = load.now();
    await restartEngines();
    const backAt = load.now();
    await sleep(RECOVERY_MS + 5000);
    const samples = await load.stop();

    const accepted = samples.filter(({ status }) => status === 201);
    const whileDown = samples.filter(({ sentAt }) => sentAt >= downAt && sentAt < restartAt);
    // One sent just before the restart may be served once the database is back, within its wait.
    const refusedAsPromised = ({ status, contentType }: LoadSample) => status === 503 && contentType.startsWith('application/problem+json');
    const late = whileDown.filter((sample) => !(refusedAsPromised(sample) || sample.status === 201) || sample.latencyMs > ANSWER_WITHIN_MS);
    const failed = samples.filter(({ status }) => status === 0 || (status >= 500 && status !== 503));
    const refusedOnceBack = samples.filter(({ sentAt, status }) => sentAt >= backAt + RECOVERY_MS && status !== 201);
    // Every accepted draft reaches reporting through the relay and Kafka; then nothing more is on its way.
    await eventually(
      'reporting to count every accepted draft',
      async () => ((await draftsCounted()) >= before + accepted.length ? true : undefined),
      60_000,
    ).catch(() => undefined);
    await catchUp.caughtUp();
    const counted = await draftsCounted();
    const lost = before + accepted.length - counted;
    const slowest = Math.max(...whileDown.map(({ latencyMs }) => latencyMs));

    writeResult('r2', {
      passed: late.length === 0 && failed.length === 0 && refusedOnceBack.length === 0 && counted === before + accepted.length,
      figure:
        `${whileDown.length} requests during a ${OUTAGE_MS / 1000} s outage: ${whileDown.filter(refusedAsPromised).length} answered 503 problem+json, ` +
        `the rest 201 once it was back, slowest in ${slowest} ms; ${failed.length} hung or other 5xx; ${accepted.length} accepted, ${lost} lost (reporting counted ${counted - before})`,
      outageMs: OUTAGE_MS,
      requests: samples.length,
      whileDown: whileDown.length,
      slowestAnswerWhileDownMs: slowest,
      notAsPromisedWhileDown: late.length,
      hungOrOther5xx: failed.length,
      refusedOnceBack: refusedOnceBack.length,
      accepted: accepted.length,
      countedByReporting: counted - before,
      restartTookMs: backAt - restartAt,
    });
    const brief = (of: LoadSample[]) => of.map(({ sentAt, status, latencyMs }) => ({ sentAt, status, latencyMs }));
    expect(whileDown.length).toBeGreaterThan(OUTAGE_MS / 1000);
    expect(brief(late)).toEqual([]);
    expect(brief(failed)).toEqual([]);
    expect(brief(refusedOnceBack)).toEqual([]);
    expect(counted).toBe(before + accepted.length);
  }, 240_000);
});
