/**
 * Stops the given countries' processes once the owner process (a test run, `npm start`) is
 * gone, however it ended — so even a killed run leaves no Kafka or FerretDB behind.
 * Exits by itself when nothing of those countries is left to watch.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { enginesDown } from './engines.mts';
import { forgetManaged, isAlive, listManagedNames } from './processes.mts';
import { parseCountries } from './topology.mts';

const owner = Number(process.argv[2]);
const countries = parseCountries(process.argv[3] ?? '');
const ownName = `watchdog-${owner}`;
const hasWork = () => listManagedNames().some((name) => countries.some((c) => name.startsWith(`${c}-`)));

while (hasWork()) {
  if (!isAlive(owner)) {
    console.log(`owner ${owner} is gone; stopping ${countries.join(', ')}`);
    await enginesDown(countries, console.log);
    break;
  }
  await sleep(500);
}
forgetManaged(ownName);
