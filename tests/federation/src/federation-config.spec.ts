import { localKafkaBrokers, nodeTopics, SHARED_STREAMS, sharedTopic } from '@naperj/contracts';
import { eventSigningKeyFiles, loadOrCreateEventSigner, loadTrustStoreFile, signedBytes } from '@naperj/messaging';
import { loadServiceConfig } from '@naperj/service-kit';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployJson, FEDERATION_COUNTRIES, type FederationCountry, REPO_ROOT, runDeploy } from './deploy';

/** Java's Properties.load for what the generator writes: `key = value` lines, `\` escapes, `#` comments. */
function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`not a property line: ${line}`);
    properties.set(match[1]!, match[2]!.replace(/\\(.)/g, '$1'));
  }
  return properties;
}

interface Generated {
  description: Record<FederationCountry, { clientBootstrapServers: string; peerBootstrapServers: string; mirrorUser: string }>;
  properties: Record<FederationCountry, string>;
  prefixes: Record<FederationCountry, string>;
  peerPorts: Record<FederationCountry, number>;
  peerCaFiles: Record<FederationCountry, string>;
  secretsDir: string;
}

const generated = deployJson<Generated>(`
  import { federationCountries, loadFederation, mirrorMakerProperties, peerCaCertificateFile, sharedTopicPrefix } from './federation.mts';
  import { nodeTopology } from './topology.mts';
  const federation = loadFederation();
  const countries = federationCountries(federation);
  const each = (f) => Object.fromEntries(countries.map((c) => [c, f(c)]));
  console.log(JSON.stringify({
    description: federation.countries,
    properties: each((c) => mirrorMakerProperties(federation, c, countries.filter((p) => p !== c))),
    prefixes: each(sharedTopicPrefix),
    peerPorts: each((c) => nodeTopology(c).kafkaPeerPort),
    peerCaFiles: each((c) => peerCaCertificateFile(federation, c)),
    secretsDir: federation.secretsDir,
  }));`);

const allTopics = FEDERATION_COUNTRIES.flatMap((country) => nodeTopics(country).map((spec) => spec.name));

describe('the MirrorMaker 2 configuration generated from deploy/federation/federation.json', () => {
  describe.each(FEDERATION_COUNTRIES)("%s's MirrorMaker", (target) => {
    const properties = parseProperties(generated.properties[target]);
    const sources = FEDERATION_COUNTRIES.filter((country) => country !== target);

    it('writes into its own cluster only, through the local listener, and pulls from every peer', () => {
      expect(properties.get('clusters')!.split(/,\s*/)).toEqual([target, ...sources]);
      expect(properties.get(`${target}.bootstrap.servers`)).toBe(localKafkaBrokers(target));
      expect(properties.get(`${target}.security.protocol`)).toBeUndefined();
      const flows = [...properties.keys()].filter((key) => key.endsWith('.enabled') && key.includes('->'));
      expect(flows.sort()).toEqual(sources.map((source) => `${source}->${target}.enabled`).sort());
      for (const flow of flows) expect(properties.get(flow)).toBe('true');
    });

    it.each(sources)("reads %s through its peers listener with SCRAM over TLS, trusting that country's CA only, no password written", (source) => {
      expect(properties.get(`${source}.bootstrap.servers`)).toBe(`127.0.0.1:${generated.peerPorts[source]}`);
      expect(properties.get(`${source}.security.protocol`)).toBe('SASL_SSL');
      expect(properties.get(`${source}.ssl.truststore.type`)).toBe('PEM');
      expect(properties.get(`${source}.ssl.truststore.location`)).toBe(generated.peerCaFiles[source]);
      expect(generated.peerCaFiles[source]).toBe(join(generated.secretsDir, source, 'peers-tls', 'ca.crt'));
      // The broker's name is checked against its certificate (Kafka's default): never switched off.
      expect([...properties.keys()].filter((key) => key.endsWith('ssl.endpoint.identification.algorithm'))).toEqual([]);
      expect(properties.get(`${source}.sasl.mechanism`)).toBe('SCRAM-SHA-512');
      const passwords = join(generated.secretsDir, target, 'peer-credentials');
      expect(properties.get(`${source}.sasl.jaas.config`)).toBe(
        'org.apache.kafka.common.security.scram.ScramLoginModule required ' +
          `username="${generated.description[target].mirrorUser}" password="\${dir:${passwords}:${source}.password}";`,
      );
      expect(properties.get('config.providers.dir.param.allowed.paths')).toBe(passwords);
    });

    it.each(sources)("replicates exactly %s's shared topics of the contracts, nothing private and no copy", (source) => {
      // MirrorMaker matches the whole topic name (Java's Pattern.matches).
      const filter = new RegExp(`^(?:${properties.get(`${source}->${target}.topics`)})$`);
      const replicated = allTopics.filter((topic) => filter.test(topic));
      expect(replicated.sort()).toEqual(SHARED_STREAMS.map((stream) => sharedTopic(source, stream)).sort());
      // A dot in the regex must stay a literal dot once Java has read the file.
      expect(filter.test(`${source}Xshared.submissions.v1`)).toBe(false);
    });

    it('keeps topic names, writes nothing into the peers and needs nothing of them but reading', () => {
      expect(properties.get('replication.policy.class')).toBe('org.apache.kafka.connect.mirror.IdentityReplicationPolicy');
      for (const off of [
        'emit.offset-syncs.enabled',
        'emit.checkpoints.enabled',
        'sync.group.offsets.enabled',
        'emit.heartbeats.enabled',
        'sync.topic.acls.enabled',
      ]) {
        expect([off, properties.get(off)]).toEqual([off, 'false']);
      }
      // MirrorMaker refuses offset-syncs settings once they are off.
      expect([...properties.keys()].filter((key) => key.startsWith('offset-syncs.'))).toEqual([]);
    });

    it('suits single-node clusters and notices new topics within seconds', () => {
      for (const key of [...properties.keys()].filter((k) => k.endsWith('replication.factor'))) expect([key, properties.get(key)]).toEqual([key, '1']);
      expect(Number(properties.get('refresh.topics.interval.seconds'))).toBeLessThanOrEqual(10);
    });
  });

  it.each(FEDERATION_COUNTRIES)("derives %s's shared-topic prefix (MirrorMaker filter, peer ACLs) as the contracts spell shared topics", (country) => {
    const prefix = generated.prefixes[country];
    const ownTopics = nodeTopics(country).map((spec) => spec.name);
    expect(ownTopics.filter((topic) => topic.startsWith(prefix)).sort()).toEqual(SHARED_STREAMS.map((stream) => sharedTopic(country, stream)).sort());
    expect(allTopics.filter((topic) => topic.startsWith(prefix)).every((topic) => topic.startsWith(`${country}.`))).toBe(true);
  });

  it.each(FEDERATION_COUNTRIES)("gives peers %s's peers listener and its services the local one, as the port table says", (country) => {
    expect(generated.description[country].clientBootstrapServers).toBe(localKafkaBrokers(country));
    expect(generated.description[country].peerBootstrapServers).toBe(`127.0.0.1:${generated.peerPorts[country]}`);
  });
});

describe('the federation description', () => {
  const check = (description: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'naperj-federation-')), 'federation.json');
    writeFileSync(file, JSON.stringify(description));
    return runDeploy(`import { loadFederation } from './federation.mts'; loadFederation(${JSON.stringify(file)});`);
  };
  const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/federation/federation.json'), 'utf8')) as {
    countries: Record<string, Record<string, unknown>>;
    mirrorMaker: Record<string, unknown>;
  };

  it('is valid as committed', () => {
    expect(check(committed)).toMatchObject({ status: 0, stderr: '' });
  });

  it('names every problem at once', () => {
    const result = check({
      ...committed,
      countries: {
        ...committed.countries,
        mx: { ...committed.countries.mx, peerBootstrapServers: '29094', mirrorUser: 'us-mirror', peerCaCertificate: { secretFile: '/etc/ca.crt' } },
        ca: { ...committed.countries.ca, eventSigningKeys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'BBBB', kid: 'ca-1' }] },
        br: {},
      },
      mirrorMaker: { ...committed.mirrorMaker, maxHeap: 'lots' },
    });
    expect(result.status).toBe(1);
    for (const problem of [
      'countries.br: unknown country',
      'countries.mx.peerBootstrapServers must be host:port',
      'countries.mx.peerCaCertificate must be {"secretFile": <a path inside secretsDir>}',
      'countries.ca.eventSigningKeys[0] is a private key ("d"): the federation description holds public keys only',
      'every country needs its own "mirrorUser"; shared: us-mirror',
      'mirrorMaker.maxHeap must be a JVM size',
    ]) {
      expect(result.stderr).toContain(problem);
    }
  });
});

describe("the services' peer settings generated from the description", () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
  const out = mkdtempSync(join(tmpdir(), 'naperj-generated-'));

  it('refuses to generate before the local keys exist, saying where they come from', () => {
    const generate = runDeployCli(['generate', '--out', out], secretsDir);
    expect(generate.status).toBe(1);
    expect(generate.stderr).toContain(`${join(secretsDir, 'us', 'event-signing.public.jwk.json')} does not exist yet`);
  });

  it('gives each node the trust file and peers its services accept', async () => {
    const signers = await Promise.all(FEDERATION_COUNTRIES.map((country) => loadOrCreateEventSigner(secretsDir, country)));
    const generate = runDeployCli(['generate', '--out', out], secretsDir);
    expect(generate.stderr).toBe('');
    expect(generate.status).toBe(0);

    const trust = await loadTrustStoreFile(join(out, 'trust.json'));
    const bytes = signedBytes(
      {
        id: 'e1',
        source: 'urn:naperj:ca:reporting',
        type: 'org.naperj.node.heartbeat.v1',
        time: '2026-11-29T05:00:00.000Z',
        subject: 'ca',
        dataclassification: 'confidential',
      },
      'ca',
      Buffer.from('{}'),
    );
    const ca = signers[FEDERATION_COUNTRIES.indexOf('ca')]!;
    expect(trust.check('ca', ca.kid, bytes, ca.sign(bytes), '2026-11-29T05:00:00.000Z')).toBe('valid');
    expect(trust.check('us', ca.kid, bytes, ca.sign(bytes), '2026-11-29T05:00:00.000Z')).toBe('unknown-key');
    expect(readFileSync(join(out, 'trust.json'), 'utf8')).not.toContain('"d"');

    const env = Object.fromEntries(
      readFileSync(join(out, 'mx', 'services.env'), 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.split('=') as [string, string]),
    );
    const config = loadServiceConfig('submissions', { ...env, EVENT_SIGNING_KEY_FILE: eventSigningKeyFiles(secretsDir, 'mx').privateKey });
    expect(config).toMatchObject({ country: 'mx', peers: ['us', 'ca'], events: { trustFile: join(out, 'trust.json') } });
    expect(parseProperties(readFileSync(join(out, 'mx', 'mirrormaker.properties'), 'utf8')).get('clusters')).toBe('mx, us, ca');
  });
});

describe("the peers listener's certificates (deploy/local/peer-tls.mts)", () => {
  /** Runs ensurePeerTls for `country` with a secrets folder of its own; answers the error, if any. */
  const ensure = (secretsDir: string, generateMissingSecrets: boolean) => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/federation/federation.json'), 'utf8')) as object;
    const file = join(mkdtempSync(join(tmpdir(), 'naperj-federation-')), 'federation.json');
    writeFileSync(file, JSON.stringify({ ...committed, generateMissingSecrets }));
    return runDeploy(`
      import { loadFederation } from './federation.mts';
      import { ensurePeerTls } from './peer-tls.mts';
      ensurePeerTls(loadFederation(${JSON.stringify(file)}, ${JSON.stringify(secretsDir)}), 'us');`);
  };

  it("creates a CA per country and a broker certificate it signs for the peers listener's address, the key readable by its owner only", () => {
    const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
    expect(ensure(secretsDir, true)).toMatchObject({ status: 0, stderr: '' });
    const dir = join(secretsDir, 'us', 'peers-tls');
    const verify = spawnSync('openssl', ['verify', '-CAfile', join(dir, 'ca.crt'), join(dir, 'broker.pem')], { encoding: 'utf8' });
    expect(verify.stdout.trim()).toBe(`${join(dir, 'broker.pem')}: OK`);
    const text = spawnSync('openssl', ['x509', '-in', join(dir, 'broker.pem'), '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('IP Address:127.0.0.1');
    expect(readFileSync(join(dir, 'broker.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(spawnSync('stat', ['-c', '%a', join(dir, 'broker.pem'), join(dir, 'ca.key')], { encoding: 'utf8' }).stdout.split('\n')).toEqual(['600', '600', '']);
    // A second start keeps them.
    const before = readFileSync(join(dir, 'ca.crt'), 'utf8');
    expect(ensure(secretsDir, true)).toMatchObject({ status: 0 });
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(before);
  });

  it('names the missing certificate when it may not create it (production)', () => {
    const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
    const result = ensure(secretsDir, false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(secretsDir, 'us', 'peers-tls', 'ca.crt')} is missing`);
  });
});

/** `npm run federation -- <args>` with its own secrets folder. */
function runDeployCli(args: string[], secretsDir: string) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'deploy/local/federation.mts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NAPERJ_SECRETS_DIR: secretsDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
