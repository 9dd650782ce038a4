import { TEST_COUNTRY, enginesCli } from './engines-cli';

export default function globalTeardown(): void {
  if (globalThis.naperjStartedEngines) enginesCli('down', '--countries', TEST_COUNTRY);
}
