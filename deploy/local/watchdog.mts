/**
 * Stops what an `engines up` started once the owner process (a test run, `npm start`) is
 * gone, however it ended — so even a killed run leaves no Kafka, FerretDB or MirrorMaker
 * behind. Exits by itself when nothing it watches is left.
 *
 *   node deploy/local/watchdog.mts <owner pid> <target,target…> <own name>
 *
 * A target is a country (every process of that country) or one process name.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { stopProcesses } from './engines.mts';
import { forgetManaged, isAlive, listManagedNames } from './processes.mts';
import { COUNTRIES } from './topology.mts';

const owner = Number(process.argv[2]);
const targets = (process.argv[3] ?? '').split(',').filter(Boolean);
const ownName = process.argv[4] ?? '';
const watched = (name: string): boolean =>
  targets.some((target) => ((COUNTRIES as readonly string[]).includes(target) ? name.startsWith(`${target}-`) : name === target));

while (listManagedNames().some(watched)) {
  if (!isAlive(owner)) {
    console.log(`owner ${owner} is gone; stopping ${targets.join(', ')}`);
    await stopProcesses(listManagedNames().filter(watched), console.log);
    break;
  }
  await sleep(500);
}
forgetManaged(ownName);
