import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../engines/engines-cli';

const TYPESCRIPT_HOOKS = join(REPO_ROOT, 'libs/service-kit/src/telemetry/testing/typescript-hooks.mts');

/**
 * Runs a TypeScript entry point in its own Node process, our libraries loaded from source as
 * tsc compiles them: a process a test can kill for real, or whose instrumentation works as in
 * production (jest's module loader escapes OpenTelemetry's hooks).
 */
export function spawnTypeScript(entry: string, env: NodeJS.ProcessEnv, args: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, ['--conditions=development', '--disable-warning=TimeoutNegativeWarning', '--import', TYPESCRIPT_HOOKS, entry, ...args], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
