/**
 * docker-compose.yml as the specs beside this file read it: its services, the environment
 * each container gets (env_file, then environment, as Compose merges them), its bind mounts,
 * and the Java properties files mounted into Kafka and MirrorMaker.
 */
import { COUNTRY_CODES, type CountryCode, SERVICE_NAMES, type ServiceName } from '@naperj/contracts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { repoPath } from '../support/repo';
import { readYaml } from '../support/yaml';

export const COMPOSE_FILE = repoPath('docker-compose.yml');

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  env_file?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: (string | { type: string; source?: string; target: string; read_only?: boolean; bind?: { create_host_path?: boolean } })[];
  networks?: string[];
  network_mode?: string;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
  volumes?: Record<string, unknown>;
}

export const readCompose = (): ComposeFile => readYaml(COMPOSE_FILE) as ComposeFile;

/** The container of `service` in `country`'s node: the naming contract of issue 15. */
export const serviceContainer = (country: CountryCode, service: ServiceName): string => `${country}-${service}`;

export const SERVICE_CONTAINERS: readonly { country: CountryCode; service: ServiceName; name: string }[] = COUNTRY_CODES.flatMap((country) =>
  SERVICE_NAMES.map((service) => ({ country, service, name: serviceContainer(country, service) })),
);

/** Compose's env file format as naperj writes it: `NAME=value` lines, `#` comments, no quoting. */
export function readEnvFile(path: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`${path}: not a NAME=value line: ${line}`);
    const [, name, value] = match as unknown as [string, string, string];
    if (name in variables) throw new Error(`${path}: ${name} is set twice`);
    variables[name] = value;
  }
  return variables;
}

/** What each of the container's env files and its `environment` set, in Compose's order (later wins). */
export function environmentSources(service: ComposeService): { source: string; variables: Record<string, string> }[] {
  const files = (service.env_file ?? []).map((file) => ({ source: file, variables: readEnvFile(repoPath(file)) }));
  const inline = Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, value === null ? '' : String(value)]));
  return [...files, { source: 'environment', variables: inline }];
}

export const containerEnvironment = (service: ComposeService): Record<string, string> =>
  Object.assign({}, ...environmentSources(service).map(({ variables }) => variables)) as Record<string, string>;

export interface Mount {
  /** Absolute on the host for a bind mount; the volume's name otherwise. */
  source: string;
  target: string;
  type: 'bind' | 'volume';
  readOnly: boolean;
}

export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      const type = volume.type as Mount['type'];
      const source = volume.source ?? '';
      return { type, source: type === 'bind' ? resolve(repoPath(), source) : source, target: volume.target, readOnly: volume.read_only === true };
    }
    const [source = '', target = '', mode] = volume.split(':');
    const bind = source.startsWith('.') || source.startsWith('/');
    return { type: bind ? 'bind' : 'volume', source: bind ? resolve(repoPath(), source) : source, target, readOnly: mode === 'ro' };
  });
}

/** The mount a path inside the container lies under (the deepest), and the path relative to it. */
export function mountOf(service: ComposeService, containerPath: string): { mount: Mount; relative: string } | undefined {
  const candidates = mountsOf(service)
    .filter((mount) => containerPath === mount.target || containerPath.startsWith(`${mount.target}/`))
    .sort((a, b) => b.target.length - a.target.length);
  const mount = candidates[0];
  return mount && { mount, relative: posix.relative(mount.target, containerPath) };
}

/** Where a bind-mounted path of the container is on the host (relative to `hostRoot` instead of its source when given). */
export function hostPathOf(service: ComposeService, containerPath: string, rebase?: { from: string; to: string }): string | undefined {
  const found = mountOf(service, containerPath);
  if (!found || found.mount.type !== 'bind') return undefined;
  const source = rebase && found.mount.source.startsWith(rebase.from) ? rebase.to + found.mount.source.slice(rebase.from.length) : found.mount.source;
  return found.relative === '' ? source : resolve(source, found.relative);
}

/** A Java properties file as Kafka reads it (`key = value` or `key=value`, `#` comments, `\` escapes). */
export function readProperties(path: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(trimmed);
    if (!match) throw new Error(`${path}: not a property: ${line}`);
    const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
    const key = unescape(match[1] as string);
    if (properties.has(key)) throw new Error(`${path}: ${key} is set twice`);
    properties.set(key, unescape(match[2] as string));
  }
  return properties;
}

/** The depends_on entries of a service, with their conditions. */
export function dependenciesOf(service: ComposeService): [string, string | undefined][] {
  const dependsOn = service.depends_on ?? {};
  return Array.isArray(dependsOn) ? dependsOn.map((name) => [name, undefined]) : Object.entries(dependsOn).map(([name, { condition }]) => [name, condition]);
}

/** The host folder the compose file bind-mounts secrets from (its `keys` job writes there). */
export const SECRETS_SOURCE = repoPath('.secrets', 'compose');

/**
 * Runs the `keys` job's generator (deploy/compose/keys/generate.mjs) for the three countries
 * into a fresh folder, as the job would into .secrets/compose; returns the folder.
 */
export function generateSecrets(): string {
  const root = mkdtempSync(join(tmpdir(), 'naperj-compose-secrets-'));
  const result = spawnSync(process.execPath, [repoPath('deploy', 'compose', 'keys', 'generate.mjs'), root, ...COUNTRY_CODES], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`generate.mjs failed (openssl is needed, as for npm start):\n${result.stderr}${result.error?.message ?? ''}`);
  return root;
}
