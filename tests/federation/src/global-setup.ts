import { deployJson, FEDERATION_COUNTRIES } from './deploy';

declare global {
  var naperjFederationStarted: string[] | undefined;
}

/**
 * Runs the three countries' engines and a MirrorMaker each, reusing whatever already runs.
 * What it starts is owned by this jest process: should the run be interrupted, a watchdog
 * stops exactly that once jest is gone; engines that ran before are left alone.
 */
export default function globalSetup(): void {
  const started = deployJson<string[]>(`
    import { enginesUp } from './engines.mts';
    const started = await enginesUp(${JSON.stringify(FEDERATION_COUNTRIES)}, { owner: ${process.pid}, log: (line) => console.error(line) });
    console.log(JSON.stringify(started));
    // A readiness probe abandoned at its timeout may still hold a Kafka connection open.
    process.exit(0);`);
  globalThis.naperjFederationStarted = started;
}
