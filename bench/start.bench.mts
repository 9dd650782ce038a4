/**
 * `npm start`'s launcher (deploy/local/start.mts, the build before it excluded) until it
 * reports the federation running: three countries' engines and MirrorMakers, twelve services
 * ready, the demo data seeded. Cold is a `--fresh` start (storage formatted, topics created,
 * the demo data written); warm starts keep the data of the start before. The baseline is the
 * least any start needs, in the same run: the engines and MirrorMakers alone (enginesUp).
 * Reports the median wall time of each, the launcher's own "ready in" figure (to the last
 * service's readiness, seeding excluded), and warm start / engines alone.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { enginesDown, enginesStatus, enginesUp } from '../deploy/local/engines.mts';
import { REPO_ROOT } from '../deploy/local/paths.mts';
import { listManagedNames } from '../deploy/local/processes.mts';
import { COUNTRIES } from '../deploy/local/topology.mts';
import { median, report, type Sample } from './measure.mts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const START = join(REPO_ROOT, 'deploy/local/start.mts');
const READY_LINE = /all (\d+) services ready in ([\d.]+) s/;

interface StartSample extends Sample {
  /** The launcher's own figure: from its start to the last service's readiness. */
  servicesReadyS: number;
}

/** Runs the launcher until it prints that naperj is running, then stops it as Ctrl-C does. */
async function launch(fresh: boolean): Promise<StartSample> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', START, ...(fresh ? ['--fresh'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  const servicesReadyS = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = READY_LINE.exec(output);
      if (ready) resolve(Number(ready[2]));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the launcher exited (${code}) before naperj was running:\n${output.slice(-3000)}`)));
  });
  const ms = performance.now() - t0;
  child.kill('SIGINT');
  await exited;
  await settled();
  return { count: 1, ms, servicesReadyS };
}

/** Until nothing of ours runs any more, the watchdogs of the start before included: each start begins from the same state. */
async function settled(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (listManagedNames().length > 0) {
    if (Date.now() > deadline) throw new Error(`still running a minute after the stop: ${listManagedNames().join(', ')}`);
    await sleep(200);
  }
}

async function enginesAlone(): Promise<Sample> {
  const t0 = performance.now();
  await enginesUp([...COUNTRIES], { owner: process.pid, log: () => undefined });
  const ms = performance.now() - t0;
  await enginesDown([...COUNTRIES]);
  await settled();
  return { count: 1, ms };
}

if ((await enginesStatus([...COUNTRIES])).some((engine) => engine.ready)) {
  throw new Error('engines are running: stop them first (npm run engines -- down), the bench starts and stops the whole federation');
}
await settled();
const cold = await launch(true);
console.log(`cold start: ${Math.round(cold.ms / 1000)} s`);
const baseline: Sample[] = [];
const warm: StartSample[] = [];
for (let round = 0; round < ROUNDS; round++) {
  baseline.push(await enginesAlone());
  warm.push(await launch(false));
  console.log(`round ${round + 1}/${ROUNDS}: engines alone ${Math.round(baseline[round]!.ms / 1000)} s, warm start ${Math.round(warm[round]!.ms / 1000)} s`);
}
const medianMs = (samples: Sample[]) => median(samples.map(({ ms }) => ms));
report(
  'start',
  {
    rounds: ROUNDS,
    countries: COUNTRIES.join(','),
    coldStartS: Math.round(cold.ms / 100) / 10,
    coldServicesReadyS: cold.servicesReadyS,
    warmServicesReadyMedianS: median(warm.map(({ servicesReadyS }) => servicesReadyS)),
  },
  [
    { name: 'engines and MirrorMakers alone', samples: baseline },
    { name: 'npm start, warm', samples: warm },
  ],
  { 'warm start / engines alone (time)': medianMs(warm) / medianMs(baseline) },
);
