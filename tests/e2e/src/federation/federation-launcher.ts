import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './federation-paths';

/** The line `npm start` prints once every service is ready and the seed is in. */
export const READY_LINE = 'naperj is running';
const START_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs `npm start`'s launcher (the workspace is built beforehand) and resolves once it says the
 * federation is running; its output goes to `log`, which it starts anew.
 */
export async function launchFederation(log: string, { fresh = false, env = {} }: { fresh?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ChildProcess> {
  writeFileSync(log, '');
  const launcher = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', join(REPO_ROOT, 'deploy/local/start.mts'), ...(fresh ? ['--fresh'] : [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  launcher.stdout.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
  launcher.stderr.on('data', (chunk: Buffer) => appendFileSync(log, chunk));

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const output = readFileSync(log, 'utf8');
    if (output.includes(READY_LINE)) return launcher;
    if (launcher.exitCode !== null || Date.now() > deadline) {
      launcher.kill('SIGINT');
      throw new Error(`npm start did not bring the federation up (see ${log}):\n${output.slice(-3000)}`);
    }
    await sleep(500);
  }
}

/** Ctrl-C, as a user stops `npm start`; resolves when the launcher has exited. */
export async function stopFederation(launcher: ChildProcess): Promise<void> {
  if (launcher.exitCode !== null || launcher.signalCode !== null) return;
  const exited = once(launcher, 'exit');
  launcher.kill('SIGINT');
  await exited;
}
