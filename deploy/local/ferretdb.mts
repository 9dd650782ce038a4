/** FerretDB 1.24 (MongoDB wire protocol, SQLite backend), built once with Go from ./ferretdb. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { cached, contentKey } from './cache.mts';
import { CACHE_DIR, REPO_ROOT, dataDir } from './paths.mts';
import { requireTool } from './prerequisites.mts';
import { type ManagedProcess, findManaged, run, spawnManaged, stopManaged, waitUntilReady } from './processes.mts';
import { type Country, mongodbUri, nodeTopology } from './topology.mts';

const MODULE_DIR = join(REPO_ROOT, 'deploy/local/ferretdb');
const MODULE_FILES = ['go.mod', 'go.sum', 'main.go'].map((f) => join(MODULE_DIR, f));
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;

export const ferretdbProcessName = (country: Country): string => `${country}-ferretdb`;

/** Builds the FerretDB binary once into the user cache; returns its path. */
export async function ensureFerretdbInstalled(log: (line: string) => void): Promise<string> {
  const binary = join(CACHE_DIR, `ferretdb-${contentKey(MODULE_FILES)}`, 'ferretdb');
  return cached(binary, async (tmp) => {
    requireTool('go');
    log(`Building FerretDB with Go into ${binary} (first run only, a few minutes)…`);
    await run('go', ['build', '-trimpath', '-o', tmp, '.'], {
      cwd: MODULE_DIR,
      env: { ...process.env, GOFLAGS: '-mod=readonly', CGO_ENABLED: '0' },
    });
  });
}

export function startFerretdb(binary: string, country: Country): ManagedProcess {
  const dir = dataDir(country, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  return spawnManaged(
    ferretdbProcessName(country),
    binary,
    [`-listen-addr=127.0.0.1:${nodeTopology(country).ferretdbPort}`, `-sqlite-url=file:${dir}/`, '-log-level=warn'],
    { marker: `file:${dir}/` },
  );
}

/** Ready when a MongoDB client's ping succeeds. */
export async function waitForFerretdb(managed: ManagedProcess, country: Country): Promise<void> {
  await waitUntilReady(managed, () => ferretdbAnswers(country), READY_TIMEOUT_MS);
}

export async function ferretdbAnswers(country: Country): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(mongodbUri(country), {
    serverSelectionTimeoutMS: 1000,
    connectTimeoutMS: 1000,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export const isFerretdbRunning = (country: Country): boolean => findManaged(ferretdbProcessName(country)) !== undefined;
export const stopFerretdb = (country: Country): Promise<boolean> => stopManaged(ferretdbProcessName(country), STOP_GRACE_MS);
