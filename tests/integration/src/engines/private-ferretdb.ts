import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { evalDeployModule } from './engines-cli';

/**
 * A FerretDB of a test's own, on a free port, that the test may stop and restart
 * without disturbing the suites that share the node's engines.
 */
export class PrivateFerretdb {
  private process?: ChildProcess;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'naperj-ferretdb-'));

  private constructor(
    private readonly binary: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivateFerretdb> {
    const built = evalDeployModule(`import { ensureFerretdbInstalled } from './ferretdb.mts'; console.log(await ensureFerretdbInstalled(() => undefined));`);
    if (built.status !== 0) throw new Error(`could not build FerretDB: ${built.stderr}`);
    return new PrivateFerretdb(built.stdout.trim(), await freePort());
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/naperj`;
  }

  async start(): Promise<void> {
    this.process = spawn(this.binary, [`-listen-addr=127.0.0.1:${this.port}`, `-sqlite-url=file:${this.dataDir}/`], { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    while (!(await this.answers())) {
      if (Date.now() > deadline) throw new Error(`FerretDB on port ${this.port} did not start`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async answers(): Promise<boolean> {
    const client = new mongoose.mongo.MongoClient(this.uri, { serverSelectionTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return true;
    } catch {
      return false;
    } finally {
      await client.close();
    }
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
