import { type ChildProcess, execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OtlpCollector } from '@naperj/service-kit/testing';
import { E2E_RUN_DIR, LAUNCHER_PID_FILE, REPO_ROOT, SPANS_FILE, START_LOG } from './federation-paths';
import { launchFederation, READY_LINE } from './federation-launcher';

declare global {
  var naperjFederation: { launcher: ChildProcess; collector: OtlpCollector } | undefined;
}

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
  const launcher = await launchFederation(START_LOG, { fresh: true, env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' } });
  globalThis.naperjFederation = { launcher, collector };
  // The restart suite stops this launcher with Ctrl-C, as a user would; it lives in another context.
  writeFileSync(LAUNCHER_PID_FILE, String(launcher.pid));
  process.stderr.write(
    `\n${readFileSync(START_LOG, 'utf8')
      .split('\n')
      .find((line) => line.includes(READY_LINE))}\n`,
  );
}
