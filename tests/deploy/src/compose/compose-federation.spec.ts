import { COUNTRY_CODES, type CountryCode, nodeTopics, SERVICE_NAMES, SHARED_STREAMS, sharedTopic } from '@naperj/contracts';
import { loadEventSignerFile, parseTrustFile } from '@naperj/messaging';
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { posix } from 'node:path';
import { repoPath } from '../support/repo';
import { readYaml } from '../support/yaml';
import {
  type ComposeService,
  containerEnvironment,
  generateSecrets,
  hostPathOf,
  mountOf,
  readCompose,
  readProperties,
  SECRETS_SOURCE,
  serviceContainer,
} from './compose-file';

interface FederationDescription {
  countries: Record<CountryCode, { mirrorUser: string }>;
}
const federation = JSON.parse(readFileSync(repoPath('deploy', 'federation', 'federation.json'), 'utf8')) as FederationDescription;
const compose = readCompose();
const containerOf = (name: string): ComposeService => {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
};

/** Whose shared topics a node reads: its services' FEDERATION_PEERS (the same on each, checked in compose-environment). */
const peersOf = (country: CountryCode): CountryCode[] =>
  (containerEnvironment(containerOf(serviceContainer(country, SERVICE_NAMES[0]))).FEDERATION_PEERS ?? '').split(',') as CountryCode[];
const kafkaProperties = (country: CountryCode) => readProperties(repoPath('deploy', 'compose', 'kafka', `${country}.properties`));
const mirrorMakerProperties = (country: CountryCode) => readProperties(repoPath('deploy', 'compose', 'mirrormaker', `${country}.properties`));
const advertised = (country: CountryCode, listener: string): string | undefined =>
  kafkaProperties(country)
    .get('advertised.listeners')
    ?.split(',')
    .find((entry) => entry.startsWith(`${listener}://`))
    ?.slice(listener.length + 3);
/** The longest prefix every shared topic of `country` has: what its partners' ACLs grant. */
const sharedPrefix = (country: CountryCode): string => {
  const topics = SHARED_STREAMS.map((stream) => sharedTopic(country, stream));
  let prefix = topics[0] as string;
  while (!topics.every((topic) => topic.startsWith(prefix))) prefix = prefix.slice(0, -1);
  return prefix;
};
/** `${dir:<folder>:<file>}` references of a properties value: DirectoryConfigProvider's. */
const directoryReferences = (value: string): string[] =>
  [...value.matchAll(/\$\{dir:([^:}]+):([^}]+)\}/g)].map((m) => posix.join(m[1] as string, m[2] as string));
const jaasUser = (value: string | undefined): string | undefined => /username="([^"]+)"/.exec(value ?? '')?.[1];

describe.each(COUNTRY_CODES)('the %s node of docker-compose.yml', (country) => {
  const peers = peersOf(country);
  const mirrorMaker = containerOf(`${country}-mirrormaker`);
  const mm = mirrorMakerProperties(country);
  const kafka = containerOf(`${country}-kafka`);

  it('runs its MirrorMaker on its own configuration, writing into its own cluster only', () => {
    expect(mountOf(mirrorMaker, '/opt/naperj/mirrormaker.properties')?.mount.source).toBe(
      repoPath('deploy', 'compose', 'mirrormaker', `${country}.properties`),
    );
    const args = mirrorMaker.entrypoint ?? [];
    expect(args).toContain('/opt/naperj/mirrormaker.properties');
    expect(args.slice(args.indexOf('--clusters'))).toEqual(['--clusters', country]);
    expect(mm.get('clusters')?.split(/,\s*/).sort()).toEqual([country, ...peers].sort());
  });

  it("pulls exactly its FEDERATION_PEERS' flows, and no other", () => {
    const enabled = [...mm].filter(([key, value]) => key.endsWith('.enabled') && key.includes('->') && value === 'true').map(([key]) => key);
    expect(enabled.sort()).toEqual(peers.map((peer) => `${peer}->${country}.enabled`).sort());
  });

  it.each(peers)("copies every shared topic of %s, and never a private topic nor a third country's", (peer) => {
    const filter = mm.get(`${peer}->${country}.topics`);
    expect(filter).toBeDefined();
    const matches = (topic: string) => new RegExp(`^(?:${filter})$`).test(topic);
    expect(SHARED_STREAMS.map((stream) => sharedTopic(peer, stream)).filter((topic) => !matches(topic))).toEqual([]);
    const shared = new Set(COUNTRY_CODES.flatMap((c) => SHARED_STREAMS.map((stream) => sharedTopic(c, stream))));
    const neverCopied = COUNTRY_CODES.flatMap((c) => nodeTopics(c).map(({ name }) => name)).filter(
      (topic) => !shared.has(topic) || !topic.startsWith(sharedPrefix(peer)),
    );
    expect(neverCopied.filter(matches)).toEqual([]);
  });

  it.each(peers)("reads %s over SCRAM and TLS on its peers listener, as its mirror user, trusting that country's CA", (peer) => {
    expect(mm.get(`${peer}.bootstrap.servers`)).toBe(advertised(peer, 'PEERS'));
    expect(kafkaProperties(peer).get('listener.security.protocol.map')).toContain('PEERS:SASL_SSL');
    expect(mm.get(`${peer}.security.protocol`)).toBe('SASL_SSL');
    expect(mm.get(`${peer}.sasl.mechanism`)).toBe('SCRAM-SHA-512');
    expect(jaasUser(mm.get(`${peer}.sasl.jaas.config`))).toBe(federation.countries[country].mirrorUser);
    expect(mm.get(`${peer}.ssl.truststore.type`)).toBe('PEM');
    expect(mm.get(`${peer}.ssl.endpoint.identification.algorithm`)).toBeUndefined();
    expect(mm.get(`${peer}.consumer.isolation.level`)).toBe('read_committed');
  });

  it('keeps topic names, writes nothing into a peer and syncs no ACLs, as the local federation does', () => {
    expect(mm.get('replication.policy.class')).toBe('org.apache.kafka.connect.mirror.IdentityReplicationPolicy');
    for (const off of [
      'emit.offset-syncs.enabled',
      'emit.checkpoints.enabled',
      'sync.group.offsets.enabled',
      'emit.heartbeats.enabled',
      'sync.topic.acls.enabled',
    ]) {
      expect({ [off]: mm.get(off) }).toEqual({ [off]: 'false' });
    }
  });

  it('writes into its own cluster over SCRAM and TLS on the clients listener', () => {
    expect(mm.get(`${country}.bootstrap.servers`)).toBe(advertised(country, 'CLIENTS'));
    expect(mm.get(`${country}.security.protocol`)).toBe('SASL_SSL');
    expect(mm.get(`${country}.sasl.mechanism`)).toBe('SCRAM-SHA-512');
  });

  it("lets exactly its partners' mirror users read its shared topics", () => {
    const env = kafka.environment ?? {};
    expect(String(env.PEER_USERS).split(',').sort()).toEqual(peers.map((peer) => federation.countries[peer].mirrorUser).sort());
    expect(env.SHARED_TOPIC_PREFIX).toBe(sharedPrefix(country));
    const own = nodeTopics(country).map(({ name }) => name);
    expect(own.filter((topic) => topic.startsWith(sharedPrefix(country))).sort()).toEqual(SHARED_STREAMS.map((stream) => sharedTopic(country, stream)).sort());
  });

  it('takes SCRAM over TLS on every listener outside its container, and creates no topic by itself', () => {
    const properties = kafkaProperties(country);
    const protocols = new Map(
      properties
        .get('listener.security.protocol.map')
        ?.split(',')
        .map((entry) => entry.split(':') as [string, string]),
    );
    for (const listener of properties.get('listeners')?.split(',') ?? []) {
      const [, name, host] = /^(\w+):\/\/([^:]*):\d+$/.exec(listener) ?? [];
      if (host !== '127.0.0.1') expect({ listener, protocol: protocols.get(name as string) }).toEqual({ listener, protocol: 'SASL_SSL' });
    }
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(kafka.ports).toBeUndefined();
  });
});

describe('docker-compose.yml with the keys its keys job creates', () => {
  let secrets: string;
  beforeAll(() => {
    secrets = generateSecrets();
  });
  afterAll(() => rmSync(secrets, { recursive: true, force: true }));

  const onHost = (service: ComposeService, path: string): string => {
    const file = hostPathOf(service, path, { from: SECRETS_SOURCE, to: secrets });
    if (!file) throw new Error(`${path} is in no bind mount`);
    return file;
  };
  const scramUsers = (country: CountryCode): Map<string, string> => {
    const kafka = containerOf(`${country}-kafka`);
    const folder = onHost(kafka, '/run/secrets/naperj/users');
    return new Map(
      ['services', 'mirrormaker', ...String(kafka.environment?.PEER_USERS).split(',')].map((user) => [
        user,
        readFileSync(posix.join(folder, `${user}.password`), 'utf8'),
      ]),
    );
  };

  it.each(COUNTRY_CODES)("%s: every MirrorMaker password and CA it names is mounted, and is its cluster's", (country) => {
    const mirrorMaker = containerOf(`${country}-mirrormaker`);
    const mm = mirrorMakerProperties(country);
    const allowed = mm.get('config.providers.dir.param.allowed.paths')?.split(',') ?? [];
    for (const cluster of [country, ...peersOf(country)]) {
      const [passwordFile, ...others] = directoryReferences(mm.get(`${cluster}.sasl.jaas.config`) ?? '');
      expect(others).toEqual([]);
      expect(allowed).toContain(posix.dirname(passwordFile as string));
      const user = jaasUser(mm.get(`${cluster}.sasl.jaas.config`)) as string;
      // DirectoryConfigProvider passes the file as it is: a trailing newline would be part of the password.
      expect(readFileSync(onHost(mirrorMaker, passwordFile as string), 'utf8')).toBe(scramUsers(cluster).get(user));
      const ca = new X509Certificate(readFileSync(onHost(mirrorMaker, mm.get(`${cluster}.ssl.truststore.location`) as string)));
      const keystore = readFileSync(onHost(containerOf(`${cluster}-kafka`), kafkaProperties(cluster).get('ssl.keystore.location') as string), 'utf8');
      const broker = new X509Certificate(keystore.slice(keystore.indexOf('-----BEGIN CERTIFICATE-----')));
      expect(broker.verify(ca.publicKey)).toBe(true);
      const host = (mm.get(`${cluster}.bootstrap.servers`) as string).split(':')[0] as string;
      expect(broker.checkHost(host)).toBe(host);
    }
  });

  it.each(COUNTRY_CODES)("%s: the services' Kafka user exists with their password, and their trust file holds every country's signing key", async (country) => {
    const service = containerOf(serviceContainer(country, SERVICE_NAMES[0]));
    const env = containerEnvironment(service);
    expect(readFileSync(onHost(service, env.KAFKA_SASL_PASSWORD_FILE as string), 'utf8').trim()).toBe(
      scramUsers(country).get(env.KAFKA_SASL_USERNAME as string),
    );
    const trust = parseTrustFile(readFileSync(onHost(service, env.EVENT_TRUST_FILE as string), 'utf8'), 'trust.json');
    for (const other of COUNTRY_CODES) {
      const signingKey = onHost(
        containerOf(serviceContainer(other, SERVICE_NAMES[0])),
        containerEnvironment(containerOf(serviceContainer(other, SERVICE_NAMES[0]))).EVENT_SIGNING_KEY_FILE as string,
      );
      const signer = await loadEventSignerFile(signingKey);
      for (const claimed of COUNTRY_CODES)
        expect({ signer: other, claimed, trusted: trust.knows(claimed, signer.kid) }).toEqual({ signer: other, claimed, trusted: claimed === other });
    }
  });

  it("gives Prometheus an operator token of each country's issuer for every job that names one", () => {
    const prometheus = containerOf('prometheus');
    const configFile = '/etc/prometheus/prometheus.yml';
    expect(mountOf(prometheus, configFile)?.mount.source).toBe(repoPath('deploy', 'observability', 'prometheus', 'prometheus.yml'));
    const config = readYaml(repoPath('deploy', 'observability', 'prometheus', 'prometheus.yml')) as {
      scrape_configs: { job_name: string; authorization?: { credentials_file?: string }; static_configs?: { targets: string[] }[] }[];
    };
    const withToken = config.scrape_configs.filter((job) => job.authorization?.credentials_file);
    // A node's services accept only their own issuer's tokens: one job per country, its targets all of that country.
    const countryOf = (job: (typeof withToken)[number]): string | undefined => {
      const countries = new Set(job.static_configs?.flatMap((s) => s.targets).map((target) => target.split('-')[0]));
      return countries.size === 1 ? [...countries][0] : undefined;
    };
    expect(withToken.map(countryOf).sort()).toEqual([...COUNTRY_CODES].sort());
    for (const job of withToken) {
      const country = countryOf(job) as CountryCode;
      const token = readFileSync(onHost(prometheus, posix.resolve(posix.dirname(configFile), job.authorization?.credentials_file as string)), 'utf8');
      const [header, claims, signature] = token.split('.') as [string, string, string];
      const service = containerOf(serviceContainer(country, SERVICE_NAMES[0]));
      const issuerKey = JSON.parse(readFileSync(onHost(service, containerEnvironment(service).AUTH_PUBLIC_KEY_FILE as string), 'utf8')) as Record<
        string,
        string
      >;
      expect(verify(null, Buffer.from(`${header}.${claims}`), createPublicKey({ key: issuerKey, format: 'jwk' }), Buffer.from(signature, 'base64url'))).toBe(
        true,
      );
      const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iss: string; aud: string; roles: string[]; exp: number };
      expect(payload).toMatchObject({ iss: `urn:naperj:${country}:issuer`, aud: 'naperj' });
      expect(payload.roles).toContain('operator');
      expect(payload.exp * 1000).toBeGreaterThan(Date.now());
    }
  });

  it('leaves no file where a container expects one', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const target = typeof volume === 'string' ? volume.split(':')[1] : volume.target;
        const host = target && hostPathOf(service, target, { from: SECRETS_SOURCE, to: secrets });
        if (host?.startsWith(secrets) && name !== 'keys') expect({ name, target, exists: existsSync(host) }).toEqual({ name, target, exists: true });
      }
    }
  });
});
