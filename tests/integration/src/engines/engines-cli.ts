import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** The country whose engines the integration tests use (docs/architecture.md, Ports). */
export const TEST_COUNTRY = 'mx';
export const TEST_KAFKA_BROKERS = ['127.0.0.1:29092'];
export const TEST_MONGODB_URI = 'mongodb://127.0.0.1:27027';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs deploy/local/engines.mts with the Node running jest (24, which strips types). */
export function enginesCli(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(REPO_ROOT, 'deploy/local/engines.mts'), ...args], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Evaluates an ES module snippet in deploy/local with the Node running jest. */
export function evalDeployModule(code: string, env: NodeJS.ProcessEnv = process.env): CliResult {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: join(REPO_ROOT, 'deploy/local'),
    encoding: 'utf8',
    env: { ...env, NODE_OPTIONS: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
