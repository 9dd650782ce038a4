/**
 * `npm start`: the federation (default: us, mx and ca), each country's engines and four
 * services, a demo dataset on first start, their URLs, then waits. Ctrl-C stops everything
 * it started; the data stays for the next start (`--fresh` wipes it).
 *
 *   node deploy/local/start.mts [--countries us,mx,ca] [--fresh]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { enginesUp, stopProcesses } from './engines.mts';
import { REPO_ROOT } from './paths.mts';
import { MissingPrerequisiteError } from './prerequisites.mts';
import { type ManagedProcess, findManaged, isPortOpen, logFile, spawnManaged, stopManaged, waitUntilReady } from './processes.mts';
import { seedExchange, seedNode } from './seed.mts';
import { COUNTRIES, type Country, SERVICES, type Service, kafkaBrokers, mongodbUri, parseCountries, servicePort } from './topology.mts';

const SERVICE_READY_TIMEOUT_MS = 180_000;
const SERVICE_STOP_GRACE_MS = 15_000;

interface RunningService {
  country: Country;
  service: Service;
  port: number;
  managed: ManagedProcess;
}

const serviceMain = (service: Service): string => join(REPO_ROOT, 'services', service, 'dist', 'main.js');

async function startService(country: Country, service: Service, countries: Country[]): Promise<RunningService> {
  const main = serviceMain(service);
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
  const port = servicePort(country, service);
  const name = `${country}-${service}`;
  if (findManaged(name) || (await isPortOpen(port))) {
    throw new Error(`port ${port} (${name}) is already in use: is another npm start running?`);
  }
  const managed = spawnManaged(name, process.execPath, ['--disable-warning=TimeoutNegativeWarning', main], {
    marker: main,
    env: {
      ...process.env,
      NODE_COUNTRY: country,
      FEDERATION_PEERS: countries.filter((c) => c !== country).join(','),
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: kafkaBrokers(country),
      MONGODB_URI: mongodbUri(country),
    },
  });
  return { country, service, port, managed };
}

/** Ready: its database and Kafka answer (docs/architecture.md, REST conventions). */
async function answersReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { countries: { type: 'string', default: COUNTRIES.join(',') }, fresh: { type: 'boolean', default: false } },
  });
  const countries = parseCountries(values.countries);
  const startedAt = Date.now();

  const startedEngines = await enginesUp(countries, { owner: process.pid, fresh: values.fresh });
  const services: RunningService[] = [];
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await Promise.all(services.map((s) => stopManaged(s.managed.name, SERVICE_STOP_GRACE_MS)));
    // Only what this run started: engines (or a MirrorMaker) that ran before keep running.
    await stopProcesses(startedEngines, console.log);
    console.log('Stopped.');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    for (const country of countries) {
      for (const service of SERVICES) services.push(await startService(country, service, countries));
    }
    await Promise.all(services.map((s) => waitUntilReady(s.managed, () => answersReady(s.port), SERVICE_READY_TIMEOUT_MS)));
    const readyAfterS = (Date.now() - startedAt) / 1000;
    for (const country of countries) {
      const { experts, submissions, contributions } = await seedNode(country);
      if (experts + submissions + contributions > 0) {
        console.log(`Seeded ${country}: ${experts} experts, ${submissions} published submissions, ${contributions} contributions to a consultation`);
      }
    }
    if (countries.includes('ca') && countries.includes('mx') && (await seedExchange())) console.log('Seeded an exchange asked in ca and answered from mx');
    console.log(`\nnaperj is running: all ${services.length} services ready in ${readyAfterS.toFixed(1)} s. Ctrl-C stops it.\n`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
    return;
  }

  for (const country of countries) {
    console.log(`  ${country}  Kafka ${kafkaBrokers(country)}   MongoDB (FerretDB) ${mongodbUri(country)}`);
    for (const s of services.filter((x) => x.country === country)) {
      const home = s.service === 'reporting' ? `http://127.0.0.1:${s.port}/   (dashboard)` : `http://127.0.0.1:${s.port}/api/docs`;
      console.log(`      ${s.service.padEnd(22)} ${home}`);
    }
  }
  console.log(`\n  A token for curl: npm run -s token -- --country mx --roles submitter,reviewer --agency SRE`);
  console.log(`  Logs: ${join(REPO_ROOT, '.run', 'logs')}`);

  // This timer also keeps the process alive until a signal arrives.
  setInterval(() => {
    for (const s of [...services]) {
      if (!stopping && !findManaged(s.managed.name)) {
        console.error(`${s.managed.name} exited unexpectedly; see ${logFile(s.managed.name)}`);
        services.splice(services.indexOf(s), 1);
      }
    }
  }, 2000);
}

main().catch((error: unknown) => {
  console.error(error instanceof MissingPrerequisiteError ? `Missing prerequisite: ${error.message}` : error);
  process.exit(1);
});
