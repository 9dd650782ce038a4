/**
 * The federation description, deploy/federation/federation.json, and what is generated
 * from it: each country's MirrorMaker 2 configuration, the peer users and ACLs each
 * cluster grants (kafka.mts), and the services' peer settings.
 *
 *   node deploy/local/federation.mts generate [--out DIR]   # default .run/federation
 *
 * writes `<cc>/mirrormaker.properties` and `<cc>/services.env` for every country, and
 * `trust.json` (every country's event-signing public keys, the EVENT_TRUST_FILE format).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, RUN_DIR } from './paths.mts';
import { COUNTRIES, type Country } from './topology.mts';

const FEDERATION_FILE = join(REPO_ROOT, 'deploy/federation/federation.json');
/** Where `engines up` and `generate` write the generated files by default. */
export const GENERATED_DIR = join(RUN_DIR, 'federation');

/** An Ed25519 public key as a JWK, with the `kid` that `ce_sigkid` names. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  [member: string]: unknown;
}

export interface CountryDescription {
  /** The node's own listener: its services, tools and its own MirrorMaker (which writes here). */
  clientBootstrapServers: string;
  /** The SASL_SSL (SCRAM over TLS) listener that peers' MirrorMakers read from. */
  peerBootstrapServers: string;
  /** The CA certificate (PEM) that signs the peers listener's certificate; peers trust it and nothing else. */
  peerCaCertificate: SecretFileKey;
  /** The SCRAM user this country's MirrorMaker presents to every peer. */
  mirrorUser: string;
  /** Trusted event-signing public keys: inline JWKs, or files under secretsDir (local runs). */
  eventSigningKeys: (SecretFileKey | PublicJwk)[];
}

/** A public key or certificate kept in a file under secretsDir, where local runs create their keys. */
export interface SecretFileKey {
  secretFile: string;
}

const isSecretFileKey = (key: SecretFileKey | PublicJwk): key is SecretFileKey => typeof key.secretFile === 'string';

export interface Federation {
  /** Absolute; local runs keep peer passwords and event-signing keys here (git-ignored). */
  secretsDir: string;
  /** Local runs create a missing peer password; production mounts them and must not. */
  generateMissingSecrets: boolean;
  countries: Partial<Record<Country, CountryDescription>>;
  mirrorMaker: {
    /** The JVM's `-Xmx`: its default is a quarter of the machine's memory. */
    maxHeap: string;
    /** Of MirrorMaker's internal topics in the target cluster (1 for single-node clusters). */
    replicationFactor: number;
    /** How soon a new shared topic of a peer starts replicating. */
    refreshTopicsIntervalSeconds: number;
  };
}

/**
 * The one place the shared-topic prefix is spelled outside libs/contracts
 * (`sharedTopic(cc, stream)` = `<cc>.shared.<stream>.v1`): the MirrorMaker topic filter
 * and the peers' ACLs both derive from it. tests/federation cross-checks it against the
 * contracts' topics.
 */
export const sharedTopicPrefix = (country: Country): string => `${country}.shared.`;

/** MirrorMaker's `topics` filter for a flow out of `country`: its shared topics only. */
const sharedTopicRegex = (country: Country): string => `${sharedTopicPrefix(country).replaceAll('.', '\\.')}.*`;

export const federationCountries = (federation: Federation): Country[] => COUNTRIES.filter((country) => federation.countries[country] !== undefined);

export function describedCountry(federation: Federation, country: Country): CountryDescription {
  const description = federation.countries[country];
  if (!description) throw new Error(`${country} is not a country of the federation (${FEDERATION_FILE})`);
  return description;
}

/** Reads and validates the description; one error lists every problem. */
export function loadFederation(file = FEDERATION_FILE, secretsDirOverride = process.env.NAPERJ_SECRETS_DIR): Federation {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the federation description ${file}: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const federation = parseFederation(raw, problems);
  if (problems.length > 0 || !federation) {
    throw new Error(`invalid federation description ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const secretsDir = secretsDirOverride || federation.secretsDir;
  return { ...federation, secretsDir: isAbsolute(secretsDir) ? secretsDir : resolve(REPO_ROOT, secretsDir) };
}

const HOST_PORTS = /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;
// The user name ends up inside a JAAS string and an ACL principal: no quotes, no separators.
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const HEAP = /^\d+[mg]$/;

function parseFederation(raw: unknown, problems: string[]): Federation | undefined {
  if (!isObject(raw)) {
    problems.push('the description must be a JSON object');
    return undefined;
  }
  expectOnly(raw, ['$comment', 'secretsDir', 'generateMissingSecrets', 'countries', 'mirrorMaker'], '', problems);
  if (typeof raw.secretsDir !== 'string' || raw.secretsDir === '') problems.push('"secretsDir" must be a folder path');
  if (typeof raw.generateMissingSecrets !== 'boolean') problems.push('"generateMissingSecrets" must be true or false');

  const countries: Partial<Record<Country, CountryDescription>> = {};
  if (!isObject(raw.countries)) {
    problems.push('"countries" must be an object keyed by country code');
  } else {
    for (const [code, value] of Object.entries(raw.countries)) {
      if (!(COUNTRIES as readonly string[]).includes(code)) {
        problems.push(`countries.${code}: unknown country; the federation's countries are ${COUNTRIES.join(', ')}`);
        continue;
      }
      const description = parseCountry(value, `countries.${code}`, problems);
      if (description) countries[code as Country] = description;
    }
    if (Object.keys(raw.countries).length < 2) problems.push('"countries" must describe at least two countries');
    const users = Object.values(raw.countries).flatMap((c) => (isObject(c) && typeof c.mirrorUser === 'string' ? [c.mirrorUser] : []));
    const duplicated = users.filter((user, i) => users.indexOf(user) !== i);
    if (duplicated.length > 0) problems.push(`every country needs its own "mirrorUser"; shared: ${[...new Set(duplicated)].join(', ')}`);
  }

  const mm = raw.mirrorMaker;
  if (!isObject(mm)) {
    problems.push('"mirrorMaker" must be an object');
  } else {
    expectOnly(mm, ['maxHeap', 'replicationFactor', 'refreshTopicsIntervalSeconds'], 'mirrorMaker.', problems);
    if (typeof mm.maxHeap !== 'string' || !HEAP.test(mm.maxHeap)) problems.push('mirrorMaker.maxHeap must be a JVM size such as "256m"');
    if (!isPositiveInteger(mm.replicationFactor)) problems.push('mirrorMaker.replicationFactor must be a positive integer');
    if (!isPositiveInteger(mm.refreshTopicsIntervalSeconds)) {
      problems.push('mirrorMaker.refreshTopicsIntervalSeconds must be a positive integer');
    }
  }
  if (problems.length > 0) return undefined;
  return {
    secretsDir: raw.secretsDir as string,
    generateMissingSecrets: raw.generateMissingSecrets as boolean,
    countries,
    mirrorMaker: mm as Federation['mirrorMaker'],
  };
}

function parseCountry(value: unknown, path: string, problems: string[]): CountryDescription | undefined {
  if (!isObject(value)) {
    problems.push(`${path} must be an object`);
    return undefined;
  }
  const before = problems.length;
  expectOnly(value, ['clientBootstrapServers', 'peerBootstrapServers', 'peerCaCertificate', 'mirrorUser', 'eventSigningKeys'], `${path}.`, problems);
  for (const member of ['clientBootstrapServers', 'peerBootstrapServers'] as const) {
    if (typeof value[member] !== 'string' || !HOST_PORTS.test(value[member])) {
      problems.push(`${path}.${member} must be host:port[,host:port…]; got ${JSON.stringify(value[member])}`);
    }
  }
  if (typeof value.mirrorUser !== 'string' || !USER_NAME.test(value.mirrorUser)) {
    problems.push(`${path}.mirrorUser must be lower-case letters, digits, ".", "_" or "-"; got ${JSON.stringify(value.mirrorUser)}`);
  }
  if (!isSecretFileInside(value.peerCaCertificate)) {
    problems.push(`${path}.peerCaCertificate must be {"secretFile": <a path inside secretsDir>}, the CA certificate of the peers listener`);
  }
  if (!Array.isArray(value.eventSigningKeys) || value.eventSigningKeys.length === 0) {
    problems.push(`${path}.eventSigningKeys must list at least one public key (a JWK, or {"secretFile": …})`);
  } else {
    value.eventSigningKeys.forEach((key: unknown, i: number) => {
      const keyPath = `${path}.eventSigningKeys[${i}]`;
      if (isObject(key) && 'secretFile' in key) {
        if (!isSecretFileInside(key)) problems.push(`${keyPath}.secretFile must be a path inside secretsDir`);
      } else {
        problems.push(...publicJwkProblems(key, keyPath));
      }
    });
  }
  return problems.length === before ? (value as unknown as CountryDescription) : undefined;
}

/** Why `key` is not an Ed25519 public JWK with a `kid`; the description must never hold a private key. */
function publicJwkProblems(key: unknown, path: string): string[] {
  if (!isObject(key)) return [`${path} must be a JWK object`];
  if ('d' in key) return [`${path} is a private key ("d"): the federation description holds public keys only`];
  const problems: string[] = [];
  if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.x !== 'string') problems.push(`${path} must be an Ed25519 JWK (kty OKP, crv Ed25519, x)`);
  if (typeof key.kid !== 'string' || key.kid === '') problems.push(`${path} needs a "kid"`);
  return problems;
}

function expectOnly(object: Record<string, unknown>, allowed: string[], path: string, problems: string[]): void {
  for (const key of Object.keys(object)) if (!allowed.includes(key)) problems.push(`${path}${key}: unknown member`);
}

const isSecretFileInside = (value: unknown): boolean =>
  isObject(value) &&
  typeof value.secretFile === 'string' &&
  value.secretFile !== '' &&
  !isAbsolute(value.secretFile) &&
  !value.secretFile.split('/').includes('..');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPositiveInteger = (value: unknown): boolean => Number.isInteger(value) && (value as number) > 0;

// ---------------------------------------------------------------------------------------
// Peer passwords

/**
 * The folder holding `reader`'s passwords on its peers' clusters, one file per source
 * (`us.password`): its MirrorMaker reads them through Kafka's DirectoryConfigProvider, so
 * no password is written into a configuration file or into Connect's config topic.
 */
export const peerPasswordDir = (federation: Federation, reader: Country): string => join(federation.secretsDir, reader, 'peer-credentials');
export const peerPasswordFile = (federation: Federation, reader: Country, source: Country): string =>
  join(peerPasswordDir(federation, reader), `${source}.password`);

/**
 * The password of `reader`'s MirrorMaker user on `source`'s cluster. Local runs create it
 * on first use; concurrent callers all get the one stored first.
 */
export function loadOrCreatePeerPassword(federation: Federation, reader: Country, source: Country): string {
  const file = peerPasswordFile(federation, reader, source);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (!federation.generateMissingSecrets) {
    throw new Error(`${file} is missing: the password of ${reader}'s MirrorMaker on ${source}'s cluster (generateMissingSecrets is off)`);
  }
  mkdirSync(peerPasswordDir(federation, reader), { recursive: true, mode: 0o700 });
  // Written aside, then hard-linked into place: link() fails when another process stored
  // its password first, and nobody ever reads a half-written file.
  const draft = `${file}.${randomUUID()}.tmp`;
  writeFileSync(draft, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file, 'utf8');
}

/** The CA certificate `country`'s peers listener presents a certificate of (local runs create it: peer-tls.mts). */
export const peerCaCertificateFile = (federation: Federation, country: Country): string =>
  join(federation.secretsDir, describedCountry(federation, country).peerCaCertificate.secretFile);

// ---------------------------------------------------------------------------------------
// MirrorMaker 2

/**
 * The MirrorMaker 2 configuration of `target`, which pulls `sources`' shared topics into
 * its own cluster (run with `--clusters <target>`: it writes only there, and needs only
 * read access to its peers).
 */
export function mirrorMakerProperties(federation: Federation, target: Country, sources: readonly Country[]): string {
  const own = describedCountry(federation, target);
  const passwords = peerPasswordDir(federation, target);
  // `${dir:<path>:<file>}` has no escaping: a ':' or '}' in the path would cut it short.
  if (/[:}]/.test(passwords))
    throw new Error(`the secrets folder ${passwords} must not contain ':' or '}' (MirrorMaker reads passwords through \${dir:<path>:<file>})`);
  const lines: [string, string | number | boolean][] = [
    ['clusters', [target, ...sources].join(', ')],
    [`${target}.bootstrap.servers`, own.clientBootstrapServers],
  ];
  for (const source of sources) {
    const jaas =
      `org.apache.kafka.common.security.scram.ScramLoginModule required username="${own.mirrorUser}" ` + `password="\${dir:${passwords}:${source}.password}";`;
    lines.push(
      [`${source}.bootstrap.servers`, describedCountry(federation, source).peerBootstrapServers],
      // SCRAM over TLS: only the source's own CA is trusted, and the broker's name is checked
      // against its certificate (Kafka's default endpoint identification).
      [`${source}.security.protocol`, 'SASL_SSL'],
      [`${source}.ssl.truststore.type`, 'PEM'],
      [`${source}.ssl.truststore.location`, peerCaCertificateFile(federation, source)],
      [`${source}.sasl.mechanism`, 'SCRAM-SHA-512'],
      [`${source}.sasl.jaas.config`, jaas],
      // The relays publish in transactions: an aborted one (a fenced leader's) is never copied.
      [`${source}.consumer.isolation.level`, 'read_committed'],
      [`${source}->${target}.enabled`, true],
      // Only the source's own shared topics: with identity names this filter is also what
      // keeps a copy from flowing on to a third country or back (no loops).
      [`${source}->${target}.topics`, sharedTopicRegex(source)],
    );
  }
  const rf = federation.mirrorMaker.replicationFactor;
  lines.push(
    // Same topic names in every cluster: consumers read `us.shared.*` wherever they run.
    ['replication.policy.class', 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy'],
    // Offset syncs and checkpoints translate consumer offsets between clusters, which no
    // consumer here needs (each node's consumers read their own cluster); by default they
    // would also be written into the source, where peers may only read. Off, so no
    // offset-syncs.* setting may appear (MirrorMaker refuses the combination).
    ['emit.offset-syncs.enabled', false],
    ['emit.checkpoints.enabled', false],
    ['sync.group.offsets.enabled', false],
    // Heartbeats would write into every peer, and would start a worker per ordered pair.
    ['emit.heartbeats.enabled', false],
    // Every node sets its own ACLs; a peer's are none of its business.
    ['sync.topic.acls.enabled', false],
    ['refresh.topics.interval.seconds', federation.mirrorMaker.refreshTopicsIntervalSeconds],
    ['replication.factor', rf],
    ['checkpoints.topic.replication.factor', rf],
    ['heartbeats.topic.replication.factor', rf],
    ['offset.storage.replication.factor', rf],
    ['status.storage.replication.factor', rf],
    ['config.storage.replication.factor', rf],
    // The connectors ship ServiceLoader manifests: without this, MirrorMaker and each of
    // its workers scan the whole classpath by reflection, which slows every start.
    ['plugin.discovery', 'service_load'],
    [`${target}.plugin.discovery`, 'service_load'],
    ['config.providers', 'dir'],
    ['config.providers.dir.class', 'org.apache.kafka.common.config.provider.DirectoryConfigProvider'],
    ['config.providers.dir.param.allowed.paths', passwords],
  );
  return [
    `# MirrorMaker 2 of ${target}, generated from ${FEDERATION_FILE}; edit that file instead.`,
    ...lines.map(([key, value]) => `${key} = ${escapePropertiesValue(String(value))}`),
    '',
  ].join('\n');
}

/** Java properties treat `\` as an escape: a regex's `\.` must be written `\\.`. */
const escapePropertiesValue = (value: string): string => value.replaceAll('\\', '\\\\');

// ---------------------------------------------------------------------------------------
// Services' peer settings

/** Every country's trusted event-signing public keys, the EVENT_TRUST_FILE document. */
function trustDocument(federation: Federation): Partial<Record<Country, PublicJwk[]>> {
  return Object.fromEntries(
    federationCountries(federation).map((country) => [
      country,
      describedCountry(federation, country).eventSigningKeys.map((key, i) => {
        if (!isSecretFileKey(key)) return key;
        const file = join(federation.secretsDir, key.secretFile);
        if (!existsSync(file)) {
          throw new Error(`${file} does not exist yet: the ${country} node creates its event-signing key on its first start`);
        }
        const jwk: unknown = JSON.parse(readFileSync(file, 'utf8'));
        const problems = publicJwkProblems(jwk, file);
        if (problems.length > 0) throw new Error(`countries.${country}.eventSigningKeys[${i}]: ${problems.join('; ')}`);
        return jwk as PublicJwk;
      }),
    ]),
  );
}

/** A service's peer settings as environment lines: whose shared topics it reads, whom it trusts. */
function servicesEnv(federation: Federation, country: Country, trustFile: string): string {
  const peers = federationCountries(federation).filter((c) => c !== country);
  return [
    `# Peer settings of ${country}'s services, generated from ${FEDERATION_FILE}.`,
    "# EVENT_SIGNING_KEY_FILE, the node's own private key, is mounted beside them.",
    `NODE_COUNTRY=${country}`,
    `FEDERATION_PEERS=${peers.join(',')}`,
    `EVENT_TRUST_FILE=${trustFile}`,
    '',
  ].join('\n');
}

function generate(out: string): string[] {
  const federation = loadFederation();
  const trustFile = join(out, 'trust.json');
  const files: [string, string][] = [[trustFile, `${JSON.stringify(trustDocument(federation), null, 2)}\n`]];
  for (const country of federationCountries(federation)) {
    const peers = federationCountries(federation).filter((c) => c !== country);
    files.push([join(out, country, 'mirrormaker.properties'), mirrorMakerProperties(federation, country, peers)]);
    files.push([join(out, country, 'services.env'), servicesEnv(federation, country, trustFile)]);
  }
  for (const [file, content] of files) {
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, content);
  }
  return files.map(([file]) => file);
}

if (import.meta.main) {
  try {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
    if (positionals[0] !== 'generate' || positionals.length !== 1) {
      console.error('usage: npm run federation -- generate [--out DIR]   (default .run/federation)');
      process.exit(2);
    }
    for (const file of generate(resolve(values.out ?? GENERATED_DIR))) console.log(file);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
