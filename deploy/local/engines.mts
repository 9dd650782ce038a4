/**
 * The local engines of each country's node: one Kafka (KRaft) and one FerretDB.
 *
 *   node deploy/local/engines.mts up|down|status [--countries us,mx,ca] [--owner PID] [--fresh]
 *
 * `up` is a no-op for what already runs. With `--owner PID` a watchdog stops everything
 * once that process is gone (tests and `npm start` use it, so an interrupted run leaves
 * no process behind); without it the engines run until `down`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFerretdbInstalled, ferretdbAnswers, ferretdbProcessName, startFerretdb, waitForFerretdb } from './ferretdb.mts';
import { ensureKafkaInstalled, kafkaAnswers, kafkaProcessName, kafkaVersion, startKafka, waitForKafka } from './kafka.mts';
import { RUN_DIR } from './paths.mts';
import { MissingPrerequisiteError } from './prerequisites.mts';
import { type ManagedProcess, findManaged, isPortOpen, listManagedNames, spawnManaged, stopManaged } from './processes.mts';
import { COUNTRIES, type Country, nodeTopology, parseCountries } from './topology.mts';

export type Log = (line: string) => void;

export interface UpOptions {
  owner?: number;
  fresh?: boolean;
  log?: Log;
}

/** Starts whatever of the countries' engines is not running; returns the names it started. */
export async function enginesUp(countries: Country[], options: UpOptions = {}): Promise<string[]> {
  const log = options.log ?? console.log;
  if (options.fresh) {
    await enginesDown(countries);
    for (const country of countries) rmSync(join(RUN_DIR, 'data', country), { recursive: true, force: true });
  }
  const missing = countries.flatMap((country) => [
    ...(findManaged(kafkaProcessName(country)) ? [] : [{ country, engine: 'kafka' as const, port: nodeTopology(country).kafkaClientPort }]),
    ...(findManaged(ferretdbProcessName(country)) ? [] : [{ country, engine: 'ferretdb' as const, port: nodeTopology(country).ferretdbPort }]),
  ]);
  for (const { country, engine, port } of missing) {
    if (await isPortOpen(port)) {
      throw new Error(
        `port ${port} (${engine} of ${country}) is in use by a process this clone did not start; ` +
          `stop it (for another clone: npm run engines -- down, run there) and try again`,
      );
    }
  }
  const started: ManagedProcess[] = [];
  try {
    if (missing.length > 0) {
      const [libs, ferretdb] = await Promise.all([
        missing.some((m) => m.engine === 'kafka') ? ensureKafkaInstalled(log) : undefined,
        missing.some((m) => m.engine === 'ferretdb') ? ensureFerretdbInstalled(log) : undefined,
      ]);
      const waits = missing.map(({ country, engine }) => {
        const managed = engine === 'kafka' ? startKafka(libs!, country) : startFerretdb(ferretdb!, country);
        started.push(managed);
        return engine === 'kafka' ? waitForKafka(managed, country) : waitForFerretdb(managed, country);
      });
      await Promise.all(waits);
    }
    if (options.owner !== undefined) startWatchdog(options.owner, countries);
  } catch (error) {
    await Promise.all(started.map((m) => stopManaged(m.name, 5_000)));
    throw error;
  }
  for (const m of started) log(`${m.name} ready (pid ${m.pid})`);
  return started.map((m) => m.name);
}

function startWatchdog(owner: number, countries: Country[]): void {
  const name = `watchdog-${owner}`;
  if (findManaged(name)) return;
  spawnManaged(name, process.execPath, [join(import.meta.dirname, 'watchdog.mts'), String(owner), countries.join(',')], {
    marker: 'watchdog.mts',
  });
}

/** Stops every process of ours for the countries: services and replication first, then engines. */
export async function enginesDown(countries: readonly Country[] = COUNTRIES, log: Log = () => undefined): Promise<void> {
  const names = listManagedNames().filter((name) => countries.some((c) => name.startsWith(`${c}-`)));
  const isEngine = (name: string) => name.endsWith('-kafka') || name.endsWith('-ferretdb');
  await Promise.all(names.filter((n) => !isEngine(n)).map((n) => stopManaged(n, 15_000)));
  await Promise.all(
    names.filter(isEngine).map(async (n) => {
      if (await stopManaged(n, 30_000)) log(`${n} stopped`);
    }),
  );
}

export interface EngineStatus {
  name: string;
  pid?: number;
  port: number;
  ready: boolean;
}

export async function enginesStatus(countries: readonly Country[]): Promise<EngineStatus[]> {
  return Promise.all(
    countries.flatMap((country) => {
      const { kafkaClientPort, ferretdbPort } = nodeTopology(country);
      return [
        { name: kafkaProcessName(country), port: kafkaClientPort, probe: () => kafkaAnswers(country) },
        { name: ferretdbProcessName(country), port: ferretdbPort, probe: () => ferretdbAnswers(country) },
      ].map(async ({ name, port, probe }) => {
        const managed = findManaged(name);
        return { name, pid: managed?.pid, port, ready: managed !== undefined && (await probe()) };
      });
    }),
  );
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      countries: { type: 'string' },
      owner: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const countries = values.countries ? parseCountries(values.countries) : undefined;
  switch (command) {
    case 'up': {
      const owner = values.owner === undefined ? undefined : Number(values.owner);
      if (owner !== undefined && !Number.isInteger(owner)) throw new Error(`--owner must be a process id; got "${values.owner}"`);
      const targets = countries ?? ['mx'];
      const started = await enginesUp(targets, { owner, fresh: values.fresh });
      if (started.length === 0) console.log(`engines of ${targets.join(', ')} already running`);
      return 0;
    }
    case 'down':
      await enginesDown(countries ?? COUNTRIES, console.log);
      return 0;
    case 'status': {
      const statuses = await enginesStatus(countries ?? COUNTRIES);
      // Named countries must be up; otherwise only what runs must answer.
      const healthy = statuses.every((s) => s.ready || (countries === undefined && s.pid === undefined));
      console.log(`Apache Kafka ${kafkaVersion()}, FerretDB 1.24 (SQLite)`);
      for (const s of statuses) {
        const state = s.ready ? 'ready' : s.pid ? 'not answering' : 'stopped';
        console.log(`${s.name.padEnd(14)} ${state.padEnd(14)} port ${s.port}${s.pid ? `  pid ${s.pid}` : ''}`);
      }
      return healthy ? 0 : 3;
    }
    default:
      console.error('usage: npm run engines -- up|down|status [--countries us,mx,ca] [--owner PID] [--fresh]');
      return 2;
  }
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof MissingPrerequisiteError ? `Missing prerequisite: ${error.message}` : error);
      process.exit(1);
    },
  );
}
