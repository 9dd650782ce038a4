import { type CountryCode, localKafkaBrokers, localMongodbUri, type ServiceName } from '@naperj/contracts';
import { eventually } from '@naperj/service-kit/testing';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ENGINES_COUNTRY } from './in-process-service';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Builds the services as `npm start` runs them (Nx caches the build). */
export function buildServices(services: readonly ServiceName[]): void {
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', ...services, '--output-style=static'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false', NODE_OPTIONS: '' },
  });
}

export interface ServiceProcessOptions {
  service: ServiceName;
  /** Where the node's issuer and event keys live: shared by the services of one node. */
  secretsDir: string;
  database: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * One built service of the engines' node as a process of its own, so that it can be killed
 * as a crash would: on a fixed port, so a restart answers where the first one did.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';
  private port = 0;
  readonly service: ServiceName;

  constructor(private readonly options: ServiceProcessOptions) {
    this.service = options.service;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and waits until it is ready (`/health/ready`). */
  async start(): Promise<void> {
    this.port ||= await freePort();
    const country: CountryCode = ENGINES_COUNTRY;
    const mongodbUri = new URL(localMongodbUri(country));
    mongodbUri.pathname = `/${this.options.database}`;
    this.output = '';
    const child = spawn(process.execPath, [join(REPO_ROOT, 'services', this.service, 'dist', 'main.js')], {
      env: {
        PATH: process.env.PATH,
        PORT: String(this.port),
        NODE_COUNTRY: country,
        KAFKA_BROKERS: localKafkaBrokers(country),
        MONGODB_URI: mongodbUri.toString(),
        NAPERJ_SECRETS_DIR: this.options.secretsDir,
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await eventually(
      `${this.service} to be ready`,
      async () =>
        (await fetch(`${this.baseUrl}/health/ready`)
          .then((response) => response.ok)
          .catch(() => false))
          ? true
          : undefined,
      60_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; it printed:\n${this.output}`);
    });
  }

  /** SIGKILL: no shutdown hook runs, whatever the relay or the consumers were doing. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as an orderly stop. */
  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
  }

  /** What the process printed, for a failure's message. */
  log(): string {
    return this.output;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
