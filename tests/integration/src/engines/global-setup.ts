import { TEST_COUNTRY, enginesCli } from './engines-cli';

declare global {
  var naperjStartedEngines: boolean | undefined;
}

/**
 * Reuses running engines, or starts them owned by this jest process: should the run be
 * interrupted, the engines' watchdog stops them once jest is gone.
 */
export default function globalSetup(): void {
  if (enginesCli('status', '--countries', TEST_COUNTRY).status === 0) return;
  const up = enginesCli('up', '--countries', TEST_COUNTRY, '--owner', String(process.pid));
  process.stderr.write(up.stdout);
  if (up.status !== 0) throw new Error(`could not start the ${TEST_COUNTRY} engines:\n${up.stderr}`);
  globalThis.naperjStartedEngines = true;
}
