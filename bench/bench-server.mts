/** A server under measurement as a process of its own: started, watched, read and stopped the same way by every bench. */
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { LOG_DIR, REPO_ROOT } from '../deploy/local/paths.mts';
import { logFile, tailLog } from '../deploy/local/processes.mts';

const START_TIMEOUT_MS = 60_000;

export interface BenchServer {
  name: string;
  url: string;
  log: string;
  pid: number;
  stop(): Promise<void>;
}

/** The process's resident memory now, in MB. */
export function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** Spawns a server that prints `listening on http://…`; its output goes to .run/logs/bench-<name>.log. */
export async function startServer(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<BenchServer> {
  const logName = `bench-${name}`;
  mkdirSync(LOG_DIR, { recursive: true });
  const out = openSync(logFile(logName), 'w');
  // Only PATH is inherited, so a developer's OTEL_*, LOG_LEVEL or PORT cannot change what is measured.
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(kill);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(logFile(logName), 'utf8'))?.[1];
    if (url) return { name, url, log: logFile(logName), pid: child.pid!, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`${name} did not start listening within ${START_TIMEOUT_MS / 1000} s:\n${tailLog(logName)}`);
}

export async function waitForReady(server: BenchServer): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${server.url}/health/ready`).catch(() => undefined);
    if (response?.ok) return;
    await sleep(250);
  }
  throw new Error(`${server.name} was not ready within ${START_TIMEOUT_MS / 1000} s; see ${server.log}`);
}

/** A development token of `country` with `roles`, signed with the issuer key in `secretsDir`. */
export function devToken(secretsDir: string, country: string, roles: string[]): Promise<string> {
  return promisify(execFile)(
    process.execPath,
    [join(REPO_ROOT, 'deploy/local/token.mts'), '--country', country, '--roles', roles.join(','), '--agency', 'SRE'],
    { env: { ...process.env, NAPERJ_SECRETS_DIR: secretsDir } },
  ).then(({ stdout }) => stdout.trim());
}

/** The server's /metrics, read with a token that has the operator role. */
export async function metricsOf(server: BenchServer, authorization: string): Promise<string> {
  return (await fetch(`${server.url}/metrics`, { headers: { authorization } })).text();
}
