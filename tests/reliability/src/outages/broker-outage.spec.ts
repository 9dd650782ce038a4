import { setTimeout as sleep } from 'node:timers/promises';
import { restartEngines, stopEngine } from '../support/engine-outage';
import { writeResult } from '../support/reliability-results';
import type { LoadSample } from '../support/steady-load';
import { OutageBed } from './outage-bed';

const OUTAGE_MS = 30_000;

const brief = (of: LoadSample[]) => of.map(({ sentAt, status, latencyMs }) => ({ sentAt, status, latencyMs }));

describe('broker down (R1): the submissions and reporting services while the node’s Kafka is stopped', () => {
  const bed = new OutageBed('public-service-workforce');

  beforeAll(() => bed.start(), 120_000);

  afterAll(async () => {
    try {
      await restartEngines();
    } finally {
      await bed.close();
    }
  }, 120_000);

  it('accepts every write while Kafka is down, without a 5xx, and delivers each once it is back', async () => {
    // The topic keeps earlier runs' submissions, which reporting's new database counts too.
    await bed.caughtUp();
    const before = await bed.draftsCounted();
    const load = bed.ingest(5);
    await sleep(3000);
    await stopEngine('kafka');
    const downAt = load.now();
    await sleep(OUTAGE_MS);
    const restartAt = load.now();
    await restartEngines();
    const backAt = load.now();
    await sleep(5000);
    const samples = await load.stop();

    const accepted = samples.filter(({ status }) => status === 201);
    const whileDown = samples.filter(({ sentAt }) => sentAt >= downAt && sentAt < restartAt);
    const notAccepted = samples.filter(({ status }) => status !== 201);
    const final = await bed.finalCount(before + accepted.length);
    const counted = final.count - before;
    const deliveredAfterMs = final.reachedAt === null ? null : final.reachedAt - load.startedAt - backAt;
    const slowest = Math.max(...samples.map(({ latencyMs }) => latencyMs));

    writeResult('r1', {
      passed: notAccepted.length === 0 && counted === accepted.length,
      figure:
        `${samples.length} writes, ${whileDown.length} of them during a ${OUTAGE_MS / 1000} s broker outage: ${accepted.length} accepted, ` +
        `${samples.filter(({ status }) => status >= 500 || status === 0).length} 5xx or unanswered, slowest in ${slowest} ms; ` +
        `${accepted.length - counted} lost; ${deliveredAfterMs === null ? 'not all delivered a minute after' : `all delivered ${(deliveredAfterMs / 1000).toFixed(1)} s after`} the broker's return`,
      outageMs: OUTAGE_MS,
      requests: samples.length,
      whileDown: whileDown.length,
      accepted: accepted.length,
      notAccepted: notAccepted.length,
      slowestAnswerMs: slowest,
      countedByReporting: counted,
      deliveredMsAfterReturn: deliveredAfterMs,
      restartTookMs: backAt - restartAt,
    });
    expect(whileDown.length).toBeGreaterThan(OUTAGE_MS / 1000);
    expect(brief(notAccepted)).toEqual([]);
    expect(counted).toBe(accepted.length);
  }, 900_000);
});
