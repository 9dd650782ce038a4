import { setTimeout as sleep } from 'node:timers/promises';
import { restartEngines, stopEngine } from '../support/engine-outage';
import { writeResult } from '../support/reliability-results';
import type { LoadSample } from '../support/steady-load';
import { OutageBed } from './outage-bed';

const OUTAGE_MS = 20_000;
/** The promise of docs/architecture.md: a request that cannot reach the database gets 503 within 2 s. */
const ANSWER_WITHIN_MS = 2000;
/** Once the database answers again, writes may fail this long while the connection pool reconnects. */
const RECOVERY_MS = 3000;

const brief = (of: LoadSample[]) => of.map(({ sentAt, status, latencyMs }) => ({ sentAt, status, latencyMs }));

describe('database down (R2): the submissions and reporting services while the node’s FerretDB is stopped', () => {
  const bed = new OutageBed('ballot-access');

  beforeAll(() => bed.start(), 120_000);

  afterAll(async () => {
    try {
      await restartEngines();
    } finally {
      await bed.close();
    }
  }, 120_000);

  it('answers 503 problem+json within 2 s while it is down, never hangs, loses nothing it accepted and counts exactly what it recorded', async () => {
    // The topic keeps earlier runs' submissions, which reporting's new database counts too.
    await bed.caughtUp();
    const before = await bed.draftsCounted();
    const load = bed.ingest(5);
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
    const counted = (await bed.finalCount(before + accepted.length)).count - before;
    const recorded = await bed.draftsRecorded();
    const lost = accepted.filter(({ index }) => !recorded.has(index));
    // A write the database took just as it went away is recorded though its request got 503:
    // the service cannot tell. It is then kept, published and counted like any other.
    const recordedThough503 = samples.filter(({ index, status }) => status !== 201 && recorded.has(index));
    const slowest = Math.max(...whileDown.map(({ latencyMs }) => latencyMs));

    writeResult('r2', {
      passed:
        late.length === 0 &&
        failed.length === 0 &&
        refusedOnceBack.length === 0 &&
        lost.length === 0 &&
        recordedThough503.every(refusedAsPromised) &&
        counted === recorded.size,
      figure:
        `${whileDown.length} requests during a ${OUTAGE_MS / 1000} s outage: ${whileDown.filter(refusedAsPromised).length} answered 503 problem+json, ` +
        `the rest 201 once it was back, slowest in ${slowest} ms; ${failed.length} hung or other 5xx; ` +
        `${accepted.length} accepted, ${lost.length} lost; ${recordedThough503.length} recorded though answered 503 (the outage cut their answer); ` +
        `reporting counted ${counted} of ${recorded.size} recorded`,
      outageMs: OUTAGE_MS,
      requests: samples.length,
      whileDown: whileDown.length,
      slowestAnswerWhileDownMs: slowest,
      notAsPromisedWhileDown: late.length,
      hungOrOther5xx: failed.length,
      refusedOnceBack: refusedOnceBack.length,
      accepted: accepted.length,
      lost: lost.length,
      recordedThough503: recordedThough503.length,
      recorded: recorded.size,
      countedByReporting: counted,
      restartTookMs: backAt - restartAt,
    });
    expect(whileDown.length).toBeGreaterThan(OUTAGE_MS / 1000);
    expect(brief(late)).toEqual([]);
    expect(brief(failed)).toEqual([]);
    expect(brief(refusedOnceBack)).toEqual([]);
    expect(brief(lost)).toEqual([]);
    expect(brief(recordedThough503.filter((sample) => !refusedAsPromised(sample)))).toEqual([]);
    expect(counted).toBe(recorded.size);
  }, 900_000);
});
