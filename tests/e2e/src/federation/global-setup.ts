import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OtlpCollector } from '@naperj/service-kit/testing';
import { E2E_RUN_DIR, REPO_ROOT, SPANS_FILE, START_LOG } from './federation-paths';

declare global {
  var naperjFederation: { launcher: ChildProcess; collector: OtlpCollector } | undefined;
}

const READY_LINE = 'naperj is running';
const START_TIMEOUT_MS = 10 * 60_000;

/**
 * Starts the federation the way a user does with `npm start` (fresh data, so counts are
 * exact), its nodes exporting traces to a collector whose spans the suites read from a file.
 */
export default async function globalSetup(): Promise<void> {
  rmSync(E2E_RUN_DIR, { recursive: true, force: true });
  mkdirSync(E2E_RUN_DIR, { recursive: true });
  writeFileSync(SPANS_FILE, '');
  const collector = new OtlpCollector((spans) => appendFileSync(SPANS_FILE, spans.map((span) => `${JSON.stringify(span)}\n`).join('')));
  const endpoint = await collector.start();

  execFileSync(join(REPO_ROOT, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--output-style=static'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const launcher = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(REPO_ROOT, 'deploy/local/start.mts'), '--fresh'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (chunk: Buffer) => appendFileSync(START_LOG, chunk));
  launcher.stderr!.on('data', (chunk: Buffer) => appendFileSync(START_LOG, chunk));
  globalThis.naperjFederation = { launcher, collector };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const log = readFileSync(START_LOG, { encoding: 'utf8', flag: 'a+' });
    if (log.includes(READY_LINE)) break;
    if (launcher.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start did not bring the federation up (see ${START_LOG}):\n${log.slice(-3000)}`);
    }
    await sleep(500);
  }
  process.stderr.write(`\n${readFileSync(START_LOG, 'utf8').split('\n').filter((line) => line.includes(READY_LINE))[0]}\n`);
}
