import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TEST_KAFKA_BROKERS, TEST_MONGODB_URI } from '../engines/engines-cli';

const SUBMISSIONS_MAIN = join(REPO_ROOT, 'services/submissions/dist/main.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function startSubmissions(env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, [SUBMISSIONS_MAIN], {
    env: { PATH: process.env.PATH, NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-secrets-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, output })));
  return { child, exited, output: () => output };
}

describe('a service process', () => {
  beforeAll(() => {
    // The process under test is the built service, as npm start runs it (cached by Nx).
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/nx'), ['run', 'submissions:build', '--output-style=static'], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
      env: { ...process.env, NX_DAEMON: 'false', NODE_OPTIONS: '' },
    });
  }, 180_000);

  it('exits 1 at start-up with a message naming a bad KAFKA_BROKERS', async () => {
    const { exited } = startSubmissions({ KAFKA_BROKERS: 'kafka-without-port', PORT: '0' });
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
    expect(output).toContain('(got "kafka-without-port")');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses to start in production with nothing configured, naming everything missing in one message', async () => {
    const { code, output } = await startSubmissions({ NODE_ENV: 'production' }).exited;
    expect(code).toBe(1);
    for (const missing of ['NODE_COUNTRY', 'AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL', 'EVENT_SIGNING_KEY_FILE', 'EVENT_TRUST_FILE']) {
      expect(output).toContain(`NODE_ENV=production needs ${missing} `);
    }
    expect(output.match(/Invalid configuration:/g)).toHaveLength(1);
    expect(output).not.toContain('listening on');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('serves, then stops gracefully with exit code 0 on SIGTERM', async () => {
    const service = startSubmissions({
      PORT: '0',
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      MONGODB_URI: `${TEST_MONGODB_URI}/naperj`,
    });
    let url: string | undefined;
    const deadline = Date.now() + 30_000;
    while (!url && Date.now() < deadline) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(service.output())?.[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(url).toBeDefined();
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('x-request-id')).toBeTruthy();

    service.child.kill('SIGTERM');
    const { code, signal } = await service.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
