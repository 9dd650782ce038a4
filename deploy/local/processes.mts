/**
 * Background processes of local runs, tracked by pid files under .run/pids. Each pid file
 * records a marker that must appear in the process's command line, so a pid reused by an
 * unrelated process is never mistaken for ours (or signalled).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOG_DIR, PID_DIR } from './paths.mts';

export interface ManagedProcess {
  name: string;
  pid: number;
  marker: string;
}

export interface SpawnOptions {
  marker: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export const logFile = (name: string): string => join(LOG_DIR, `${name}.log`);
const pidFile = (name: string): string => join(PID_DIR, `${name}.pid`);

function isOurProcess(pid: number, marker: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited; its parent just has not reaped it yet.
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/** The running process recorded under `name`, or undefined (a stale pid file is removed). */
export function findManaged(name: string): ManagedProcess | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  let recorded: ManagedProcess;
  try {
    recorded = JSON.parse(readFileSync(file, 'utf8')) as ManagedProcess;
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
  if (isOurProcess(recorded.pid, recorded.marker)) return recorded;
  rmSync(file, { force: true });
  return undefined;
}

export function forgetManaged(name: string): void {
  rmSync(pidFile(name), { force: true });
}

export function listManagedNames(): string[] {
  if (!existsSync(PID_DIR)) return [];
  return readdirSync(PID_DIR)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => f.slice(0, -'.pid'.length));
}

/**
 * Starts a process in its own process group (a Ctrl-C in the terminal reaches only the
 * orchestrator, which then stops things in order), output appended to .run/logs/<name>.log.
 */
export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions): ManagedProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  mkdirSync(PID_DIR, { recursive: true });
  const out = openSync(logFile(name), 'a');
  try {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', out, out],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    if (child.pid === undefined) throw new Error(`could not start ${command} for ${name}`);
    child.unref();
    const managed: ManagedProcess = { name, pid: child.pid, marker: options.marker };
    writeFileSync(pidFile(name), JSON.stringify(managed));
    return managed;
  } finally {
    closeSync(out);
  }
}

/** SIGTERM, then SIGKILL once `graceMs` has passed; resolves when the process is gone. */
export async function stopManaged(name: string, graceMs: number): Promise<boolean> {
  const managed = findManaged(name);
  if (!managed) {
    rmSync(pidFile(name), { force: true });
    return false;
  }
  const gone = () => !isOurProcess(managed.pid, managed.marker);
  signal(managed.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (!gone() && Date.now() < deadline) await sleep(100);
  if (!gone()) {
    signal(managed.pid, 'SIGKILL');
    while (!gone()) await sleep(50);
  }
  rmSync(pidFile(name), { force: true });
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export function tailLog(name: string, lines = 25): string {
  try {
    return readFileSync(logFile(name), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Until nothing listens on `port` any more (a process that has just exited may hold it a moment); false if it still does at the deadline. */
export async function waitForPortClosed(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isPortOpen(port)) {
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
  return true;
}

/** Who listens on `port`, as `ss` tells it (empty where ss is missing). */
export function portListener(port: number): string {
  const ss = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  return ss.status === 0 ? ss.stdout.trim() : '';
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls `probe` until it returns true. Fails early with the log's tail when the process
 * dies, or when `timeoutMs` runs out.
 */
export async function waitUntilReady(managed: ManagedProcess, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!findManaged(managed.name)) {
      throw new Error(`${managed.name} exited during start-up; last lines of ${logFile(managed.name)}:\n${tailLog(managed.name)}`);
    }
    if (await probe()) return;
    if (Date.now() > deadline) {
      throw new Error(`${managed.name} was not ready after ${timeoutMs / 1000}s; last lines of ${logFile(managed.name)}:\n${tailLog(managed.name)}`);
    }
    await sleep(250);
  }
}

export function isAlive(pid: number): boolean {
  return isOurProcess(pid, '');
}

/** Runs a command to completion, its output passed through; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.once('error', reject);
    child.once('exit', (code, sig) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${sig ?? `exit ${code}`})`))));
  });
}
