/**
 * The local engines of each country's node: one Kafka (KRaft) and one FerretDB, and, when
 * several countries run together, one MirrorMaker 2 per country between them.
 *
 *   node deploy/local/engines.mts up|down|status [--countries us,mx,ca] [--owner PID] [--fresh]
 *
 * `up` is a no-op for what already runs. With `--owner PID` a watchdog stops what this
 * `up` started once that process is gone (tests and `npm start` use it, so an interrupted
 * run leaves no process behind); without it the engines run until `down`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describedCountry, loadFederation } from './federation.mts';
import { ensureFerretdbInstalled, ferretdbAnswers, ferretdbProcessName, startFerretdb, waitForFerretdb } from './ferretdb.mts';
import {
  ensureKafkaInstalled,
  ensurePeerAccess,
  kafkaAnswers,
  kafkaConfigIsCurrent,
  kafkaProcessName,
  kafkaVersion,
  startKafka,
  waitForKafka,
} from './kafka.mts';
import { ensureMirrorMaker, mirrorMakerAnswers, mirrorMakerProcessName, mirrorMakerSources, waitForMirrorMaker } from './mirrormaker.mts';
import { RUN_DIR } from './paths.mts';
import { MissingPrerequisiteError } from './prerequisites.mts';
import { type ManagedProcess, findManaged, listManagedNames, portListener, spawnManaged, stopManaged, waitForPortClosed } from './processes.mts';
import { COUNTRIES, type Country, nodeTopology, parseCountries } from './topology.mts';

export type Log = (line: string) => void;

/** How long an engine's port may stay taken by one of ours that has just stopped, as its exit completes. */
const PORT_RELEASE_MS = 10_000;

export interface UpOptions {
  owner?: number;
  fresh?: boolean;
  log?: Log;
}

/**
 * Starts whatever of the countries' engines is not running, lets each country's peers in
 * (ensurePeerAccess), and when several countries are asked for, runs a MirrorMaker per
 * country pulling from the others once every cluster is ready. Returns the names it started.
 */
export async function enginesUp(countries: Country[], options: UpOptions = {}): Promise<string[]> {
  const log = options.log ?? console.log;
  const federation = loadFederation();
  if (options.fresh) {
    await enginesDown(countries);
    for (const country of countries) rmSync(join(RUN_DIR, 'data', country), { recursive: true, force: true });
  }
  const outdated = countries.filter((country) => findManaged(kafkaProcessName(country)) && !kafkaConfigIsCurrent(federation, country));
  if (outdated.length > 0) {
    const list = outdated.join(',');
    throw new Error(
      `${outdated.map(kafkaProcessName).join(', ')} run with an older configuration (for instance without the peers listener, or without TLS on it); ` +
        `restart them: npm run engines -- down --countries ${list} && npm run engines -- up --countries ${list}`,
    );
  }
  const missing = countries.flatMap((country) => [
    ...(findManaged(kafkaProcessName(country)) ? [] : [{ country, engine: 'kafka' as const, port: nodeTopology(country).kafkaClientPort }]),
    ...(findManaged(ferretdbProcessName(country)) ? [] : [{ country, engine: 'ferretdb' as const, port: nodeTopology(country).ferretdbPort }]),
  ]);
  for (const { country, engine, port } of missing) {
    if (!(await waitForPortClosed(port, PORT_RELEASE_MS))) {
      throw new Error(
        `port ${port} (${engine} of ${country}) is in use by a process this clone did not start (${portListener(port) || 'ss shows no listener'}); ` +
          `stop it (for another clone: npm run engines -- down, run there) and try again`,
      );
    }
  }
  const started: ManagedProcess[] = [];
  try {
    const [libs, ferretdb] = await Promise.all([
      ensureKafkaInstalled(log),
      missing.some((m) => m.engine === 'ferretdb') ? ensureFerretdbInstalled(log) : undefined,
    ]);
    await Promise.all(
      missing.map(({ country, engine }) => {
        const managed = engine === 'kafka' ? startKafka(libs, federation, country) : startFerretdb(ferretdb!, country);
        started.push(managed);
        return engine === 'kafka' ? waitForKafka(managed, country) : waitForFerretdb(managed, country);
      }),
    );
    // Also for clusters that already ran: it repairs one formatted before its peer users existed.
    const recreated = (
      await Promise.all(
        countries.map(async (country) => {
          const users = await ensurePeerAccess(libs, federation, country);
          if (users.length > 0) log(`${kafkaProcessName(country)}: peer users ${users.join(', ')} created through the admin API`);
          return users;
        }),
      )
    ).flat();
    if (countries.length > 1) {
      const mirrors = [];
      for (const target of countries) {
        const sources = countries.filter((c) => c !== target);
        const passwordsChanged = recreated.includes(describedCountry(federation, target).mirrorUser);
        const mirror = await ensureMirrorMaker(libs, federation, target, sources, passwordsChanged);
        if (!mirror) continue;
        started.push(mirror.managed);
        if (mirror.restarted) log(`${mirror.managed.name} restarted: its peers or passwords changed (peers: ${sources.join(', ')})`);
        mirrors.push(waitForMirrorMaker(mirror.managed, federation, target, sources));
      }
      await Promise.all(mirrors);
    }
    if (options.owner !== undefined && started.length > 0) startWatchdog(options.owner, watchdogTargets(started));
  } catch (error) {
    await stopProcesses(started.map((m) => m.name));
    throw error;
  }
  for (const m of started) log(`${m.name} ready (pid ${m.pid})`);
  return started.map((m) => m.name);
}

/**
 * What a watchdog stops: every process of a country whose engines this `up` started
 * (services started beside them included), and otherwise only the processes it started
 * (a MirrorMaker added to a node that was already running stays the only thing stopped).
 */
function watchdogTargets(started: ManagedProcess[]): string[] {
  const countriesStarted = new Set(started.filter((m) => isEngine(m.name)).map((m) => m.name.split('-')[0]!));
  return [...countriesStarted, ...started.map((m) => m.name).filter((name) => !countriesStarted.has(name.split('-')[0]!))];
}

function startWatchdog(owner: number, targets: string[]): void {
  const name = `watchdog-${owner}-${process.pid}-${Date.now()}`;
  spawnManaged(name, process.execPath, [join(import.meta.dirname, 'watchdog.mts'), String(owner), targets.join(','), name], {
    marker: name,
  });
}

const isEngine = (name: string): boolean => name.endsWith('-kafka') || name.endsWith('-ferretdb');

/** Stops the named processes of ours: services and replication first, then the engines. */
export async function stopProcesses(names: string[], log: Log = () => undefined): Promise<void> {
  await Promise.all(names.filter((n) => !isEngine(n)).map((n) => stopManaged(n, 15_000)));
  await Promise.all(
    names.filter(isEngine).map(async (n) => {
      if (await stopManaged(n, 30_000)) log(`${n} stopped`);
    }),
  );
}

/** Stops every process of ours for the countries. */
export async function enginesDown(countries: readonly Country[] = COUNTRIES, log: Log = () => undefined): Promise<void> {
  await stopProcesses(
    listManagedNames().filter((name) => countries.some((c) => name.startsWith(`${c}-`))),
    log,
  );
}

export interface EngineStatus {
  name: string;
  pid?: number;
  /** Where it listens; MirrorMaker listens nowhere. */
  port?: number;
  ready: boolean;
  /** Whether it must run for the status to be healthy, even when it does not. */
  required: boolean;
}

/**
 * Named countries must be up, with a MirrorMaker each when several are named; otherwise
 * (no country named) whatever runs must answer.
 */
export async function enginesStatus(countries: readonly Country[], named = true): Promise<EngineStatus[]> {
  const federation = loadFederation();
  return Promise.all(
    countries.flatMap((country) => {
      const { kafkaClientPort, ferretdbPort } = nodeTopology(country);
      const sources = mirrorMakerSources(country);
      const mirrorRequired = named && countries.length > 1;
      return [
        { name: kafkaProcessName(country), port: kafkaClientPort, required: named, probe: () => kafkaAnswers(country) },
        { name: ferretdbProcessName(country), port: ferretdbPort, required: named, probe: () => ferretdbAnswers(country) },
        ...(sources.length > 0 || mirrorRequired
          ? [
              {
                name: mirrorMakerProcessName(country),
                port: undefined,
                required: mirrorRequired,
                probe: () => mirrorMakerAnswers(federation, country, sources),
              },
            ]
          : []),
      ].map(async ({ name, port, required, probe }) => {
        const managed = findManaged(name);
        return { name, pid: managed?.pid, port, required, ready: managed !== undefined && (await probe()) };
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
      const statuses = await enginesStatus(countries ?? COUNTRIES, countries !== undefined);
      const healthy = statuses.every((s) => s.ready || (!s.required && s.pid === undefined));
      console.log(`Apache Kafka ${kafkaVersion()} (MirrorMaker 2 alike), FerretDB 1.24 (SQLite)`);
      for (const s of statuses) {
        const state = s.ready ? 'ready' : s.pid ? 'not answering' : 'stopped';
        const where = s.port ? `port ${s.port}` : '';
        console.log(`${s.name.padEnd(17)} ${state.padEnd(14)} ${where.padEnd(10)}${s.pid ? `  pid ${s.pid}` : ''}`.trimEnd());
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
