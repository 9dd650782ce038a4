import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const FEDERATION_COUNTRIES = ['us', 'mx', 'ca'] as const;
export type FederationCountry = (typeof FEDERATION_COUNTRIES)[number];

/**
 * Runs an ES module snippet in deploy/local with the Node running jest (24, which strips
 * types): jest cannot import those .mts scripts, so they answer on stdout, as JSON.
 */
export function runDeploy(code: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--disable-warning=TimeoutNegativeWarning', '--input-type=module', '-e', code], {
    cwd: join(REPO_ROOT, 'deploy/local'),
    encoding: 'utf8',
    env: { ...env, NODE_OPTIONS: '' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON a snippet prints with `console.log(JSON.stringify(…))`; throws with its stderr when it fails. */
export function deployJson<T>(code: string, env?: NodeJS.ProcessEnv): T {
  const result = runDeploy(code, env);
  if (result.status !== 0) throw new Error(`deploy/local snippet failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export interface FederationView {
  countries: Record<FederationCountry, { clientBootstrapServers: string; peerBootstrapServers: string; mirrorUser: string }>;
  /** `passwordFiles[reader][source]`: reader's MirrorMaker password on source's cluster. */
  passwordFiles: Record<FederationCountry, Partial<Record<FederationCountry, string>>>;
  /** The CA certificate (PEM file) each country's peers listener is signed by. */
  peerCaFiles: Record<FederationCountry, string>;
  /** The Kafka jars (Java classpath folder). */
  libs: string;
}

/** The federation as the engines see it: deploy/federation/federation.json, resolved. */
export function federationView(): FederationView {
  return deployJson<FederationView>(`
    import { ensureKafkaInstalled } from './kafka.mts';
    import { federationCountries, loadFederation, peerCaCertificateFile, peerPasswordFile } from './federation.mts';
    const federation = loadFederation();
    const countries = federationCountries(federation);
    console.log(JSON.stringify({
      countries: federation.countries,
      passwordFiles: Object.fromEntries(countries.map((reader) => [reader,
        Object.fromEntries(countries.filter((s) => s !== reader).map((source) => [source, peerPasswordFile(federation, reader, source)]))])),
      peerCaFiles: Object.fromEntries(countries.map((country) => [country, peerCaCertificateFile(federation, country)])),
      libs: await ensureKafkaInstalled(() => undefined),
    }));`);
}
