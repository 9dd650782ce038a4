import { type CountryCode, localKafkaBrokers, localMongodbUri, LOCAL_SERVICE_PORTS } from '@naperj/contracts';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Caller, eventually, type Page, publish, runDeployScript } from './federation-client';
import { launchFederation, stopFederation } from './federation-launcher';
import { LAUNCHER_PID_FILE, RESTART_LOG } from './federation-paths';

const COUNTRIES: CountryCode[] = ['us', 'mx', 'ca'];

/** The ports a running federation listens on: the twelve services, each node's Kafka and FerretDB. */
const FEDERATION_PORTS = COUNTRIES.flatMap((country) => [
  ...Object.values(LOCAL_SERVICE_PORTS[country]),
  Number(localKafkaBrokers(country).split(':')[1]),
  Number(new URL(localMongodbUri(country)).port),
]);

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** Every process `npm start` and its engines recorded (Kafka, FerretDB, MirrorMaker 2, services, watchdogs) still alive. */
const livingProcesses = (): string[] =>
  JSON.parse(
    runDeployScript(
      `import { findManaged, listManagedNames } from './processes.mts'; console.log(JSON.stringify(listManagedNames().filter((name) => findManaged(name))));`,
    ),
  ) as string[];

/**
 * `npm start`'s promise: Ctrl-C stops everything it started, and starting again (without
 * `--fresh`) keeps the data. It stops the federation the other suites share: it runs last.
 */
describe('npm start stopped with Ctrl-C and started again', () => {
  let again: ChildProcess | undefined;

  afterAll(async () => {
    if (again) await stopFederation(again);
  });

  it('stops every process it started, then serves every node with the data it had, seeding nothing twice', async () => {
    const submitter = await Caller.of('mx', ['submitter'], 'INPI', 'e2e-restart-submitter');
    const mxReviewer = await Caller.of('mx', ['reviewer'], 'CONAPRED', 'e2e-restart-reviewer');
    const readers = Object.fromEntries(
      await Promise.all(COUNTRIES.map(async (country) => [country, await Caller.of(country, ['reviewer'], 'E2E', `e2e-${country}-restart`)])),
    ) as Record<CountryCode, Caller>;
    const kept = await publish(submitter, mxReviewer, {
      kind: 'strategy',
      title: { es: 'Mesas comunitarias de seguimiento, publicadas antes de reiniciar' },
      summary: { es: 'Prueba de reinicio de la federación.' },
      originalLanguage: 'es',
      actionAreas: ['justice-system'],
      sharing: 'trilateral',
    });
    /** What each node lists of each country, once everything published so far has arrived everywhere. */
    const listings = async () => {
      const seen: Record<string, string[]> = {};
      for (const reader of COUNTRIES) {
        for (const origin of COUNTRIES) {
          const { status, body } = await readers[reader].call<Page<{ id: string }>>('GET', `/submissions?country=${origin}&limit=100`);
          expect(status).toBe(200);
          expect(body.nextCursor).toBeNull();
          seen[`${origin} on ${reader}`] = body.items.map(({ id }) => id).sort();
        }
      }
      return seen;
    };
    const before = await eventually('the submission on every node', async () => {
      const seen = await listings();
      return COUNTRIES.every((reader) => seen[`mx on ${reader}`]!.includes(kept.id)) ? seen : undefined;
    });

    process.kill(Number(readFileSync(LAUNCHER_PID_FILE, 'utf8')), 'SIGINT');
    await eventually('every process to stop', () => (livingProcesses().length === 0 ? true : undefined), 60_000);
    expect(await Promise.all(FEDERATION_PORTS.map(accepts))).toEqual(FEDERATION_PORTS.map(() => false));

    again = await launchFederation(RESTART_LOG);
    expect(readFileSync(RESTART_LOG, 'utf8')).not.toContain('Seeded');
    expect(await listings()).toEqual(before);
  });
});
