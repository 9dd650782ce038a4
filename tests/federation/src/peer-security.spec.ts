import { nodeTopics, privateEventsTopic, SHARED_STREAMS, sharedTopic } from '@naperj/contracts';
import { createKafka } from '@naperj/messaging';
import { loadServiceConfig } from '@naperj/service-kit';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, type Admin, Kafka, logLevel, ResourcePatternTypes } from 'kafkajs';
import { FEDERATION_COUNTRIES, type FederationCountry, federationView } from './deploy';
import { FederationFixture } from './federation-fixture';

const federation = federationView();

const caOf = (country: FederationCountry): string => readFileSync(federation.peerCaFiles[country], 'utf8');

/**
 * A client on `source`'s peers listener with `reader`'s MirrorMaker credentials (or others),
 * over TLS trusting `source`'s CA as MirrorMaker does, unless told otherwise: `false` for no
 * TLS, `true` for TLS with the system's CAs only.
 */
function peerKafka(
  source: FederationCountry,
  sasl: { username: string; password: string } | undefined,
  ssl: boolean | { ca: string[] } = { ca: [caOf(source)] },
): Kafka {
  return new Kafka({
    clientId: 'federation-test-peer',
    brokers: federation.countries[source].peerBootstrapServers.split(','),
    ssl,
    ...(sasl ? { sasl: { mechanism: 'scram-sha-512', ...sasl } } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 10_000,
    retry: { retries: 1, initialRetryTime: 100 },
  });
}

const credentials = (reader: FederationCountry, source: FederationCountry) => ({
  username: federation.countries[reader].mirrorUser,
  password: readFileSync(federation.passwordFiles[reader][source]!, 'utf8'),
});

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** What PeerRead.java read of a topic: the keys, or the exception that stopped it. */
interface TopicRead {
  keys: string[];
  error?: string;
}

/** What PeerRead.java read of each topic. */
function peerRead(reader: FederationCountry, source: FederationCountry, topics: string[]): Promise<Record<string, TopicRead>> {
  const args = [
    '-Dorg.apache.logging.log4j.level=OFF',
    '-cp',
    join(federation.libs, '*'),
    join(__dirname, 'peer-read', 'PeerRead.java'),
    federation.countries[source].peerBootstrapServers,
    federation.peerCaFiles[source],
    federation.countries[reader].mirrorUser,
    federation.passwordFiles[reader][source]!,
    ...topics,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`PeerRead failed (exit ${code}):\n${out}${err}`));
      const results = Object.fromEntries(topics.map((topic): [string, TopicRead] => [topic, { keys: [] }]));
      for (const line of out.trim().split('\n').filter(Boolean)) {
        const [topic, kind, detail] = line.split(' ') as [string, string, string];
        if (kind === 'RECORD') results[topic]!.keys.push(Buffer.from(detail, 'base64').toString());
        else results[topic]!.error = detail;
      }
      resolve(results);
    });
  });
}

/** kafkajs's ACL "enums" are plain objects at run time: names to numbers, no way back. */
const nameOf = (enumeration: object, value: number): string => Object.entries(enumeration).find(([, number]) => number === value)?.[0] ?? `unknown ${value}`;

const pairs = FEDERATION_COUNTRIES.flatMap((source) => FEDERATION_COUNTRIES.filter((reader) => reader !== source).map((reader) => [reader, source] as const));

/** The certificate `source`'s peers listener presents to a TLS client that trusts `source`'s CA. */
function peerCertificate(source: FederationCountry): Promise<{ authorized: boolean; certificate: PeerCertificate }> {
  const [host, port] = federation.countries[source].peerBootstrapServers.split(',')[0]!.split(':') as [string, string];
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port), ca: [caOf(source)] }, () => {
      resolve({ authorized: socket.authorized, certificate: socket.getPeerCertificate() });
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('TLS on the peers listener (SASL_SSL)', () => {
  it.each(FEDERATION_COUNTRIES)("refuses a client that speaks SASL to %s's peers listener without TLS, with valid credentials", async (source) => {
    const reader = FEDERATION_COUNTRIES.find((country) => country !== source)!;
    await expect(withAdmin(peerKafka(source, credentials(reader, source), false), (admin) => admin.listTopics())).rejects.toThrow();
  });

  it.each(FEDERATION_COUNTRIES)("refuses a TLS client that does not trust %s's CA: the certificate does not verify", async (source) => {
    const reader = FEDERATION_COUNTRIES.find((country) => country !== source)!;
    const unverified = /self[- ]signed certificate|unable to get local issuer certificate|unable to verify the first certificate/;
    await expect(withAdmin(peerKafka(source, credentials(reader, source), true), (admin) => admin.listTopics())).rejects.toThrow(unverified);
    // Each country has its own CA: trusting a third country's does not do either.
    const third = FEDERATION_COUNTRIES.find((country) => country !== source && country !== reader)!;
    await expect(withAdmin(peerKafka(source, credentials(reader, source), { ca: [caOf(third)] }), (admin) => admin.listTopics())).rejects.toThrow(unverified);
  });

  it.each(FEDERATION_COUNTRIES)("presents a certificate of %s's own CA, valid for its peers address", async (source) => {
    const { authorized, certificate } = await peerCertificate(source);
    expect(authorized).toBe(true);
    expect(certificate.issuer.CN).toBe(`naperj ${source} peers CA`);
    expect(certificate.subjectaltname).toBe(`IP Address:${federation.countries[source].peerBootstrapServers.split(':')[0]}`);
  });

  it.each(pairs)("accepts %s's MirrorMaker on %s with SCRAM over TLS, trusting that country's CA", async (reader, source) => {
    await expect(withAdmin(peerKafka(source, credentials(reader, source)), (admin) => admin.listTopics())).resolves.toEqual(expect.any(Array));
  });
});

describe('the peers listener (SASL/SCRAM, ACLs)', () => {
  const local = new FederationFixture();

  beforeAll(() => local.provisionNodeTopics());
  afterAll(() => local.close());

  it("lets a service's Kafka client, configured by KAFKA_SASL_* and KAFKA_TLS_CA_FILE, authenticate over TLS", async () => {
    const [reader, source] = pairs[0]!;
    const env = {
      NODE_COUNTRY: reader,
      KAFKA_BROKERS: federation.countries[source].peerBootstrapServers,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: federation.countries[reader].mirrorUser,
      KAFKA_SASL_PASSWORD_FILE: federation.passwordFiles[reader][source]!,
    };
    const clientOf = (vars: NodeJS.ProcessEnv) => {
      const { brokers, ssl, sasl } = loadServiceConfig('reporting', vars).kafka;
      return createKafka({ brokers, ssl, sasl, clientId: 'federation-test-service', log: () => undefined, connectionTimeout: 10_000, retry: { retries: 3 } });
    };
    const visible = await withAdmin(clientOf({ ...env, KAFKA_TLS_CA_FILE: federation.peerCaFiles[source] }), (admin) => admin.listTopics());
    expect(visible).toEqual(expect.arrayContaining([sharedTopic(source, 'submissions')]));
    // The same settings without the cluster's CA: the broker's certificate does not verify.
    await expect(withAdmin(clientOf({ ...env, KAFKA_TLS: 'true' }), (admin) => admin.listTopics())).rejects.toThrow();
  });

  it.each(pairs)("shows %s's MirrorMaker the shared topics of %s, and nothing else", async (reader, source) => {
    const visible = await withAdmin(peerKafka(source, credentials(reader, source)), (admin) => admin.listTopics());
    expect(visible).toEqual(expect.arrayContaining(SHARED_STREAMS.map((stream) => sharedTopic(source, stream))));
    // Neither the source's private topics nor its copies of a third country's topics.
    expect(visible.filter((topic) => !topic.startsWith(`${source}.shared.`))).toEqual([]);
  });

  it.each(pairs)("grants %s's MirrorMaker on %s exactly read access to the shared prefix", async (reader, source) => {
    const acls = await withAdmin(local.kafka[source], (admin) =>
      admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${federation.countries[reader].mirrorUser}`,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      }),
    );
    const granted = acls.resources.flatMap((resource) =>
      resource.acls.map((acl) => ({
        resource: `${nameOf(AclResourceTypes, resource.resourceType)}:${nameOf(ResourcePatternTypes, resource.resourcePatternType)}:${resource.resourceName}`,
        operation: nameOf(AclOperationTypes, acl.operation),
        permission: nameOf(AclPermissionTypes, acl.permissionType),
      })),
    );
    expect(granted.sort((a, b) => a.operation.localeCompare(b.operation))).toEqual(
      ['DESCRIBE', 'DESCRIBE_CONFIGS', 'READ'].map((operation) => ({
        resource: `TOPIC:PREFIXED:${source}.shared.`,
        operation,
        permission: 'ALLOW',
      })),
    );
  });

  it("refuses a private topic's metadata to a peer with an authorization error", async () => {
    const topic = privateEventsTopic('us', 'submissions');
    await expect(withAdmin(peerKafka('us', credentials('mx', 'us')), (admin) => admin.fetchTopicMetadata({ topics: [topic] }))).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });

  it('lets a peer read a shared topic but not a private one, as MirrorMaker reads (no consumer group)', async () => {
    const key = `peer-read-${randomUUID()}`;
    await local.produce('us', sharedTopic('us', 'experts'), { key, value: Buffer.from('{}') });
    const shared = sharedTopic('us', 'experts');
    const secret = privateEventsTopic('us', 'expert-network');
    const read = await peerRead('ca', 'us', [shared, secret]);
    expect(read[shared]).toEqual({ keys: expect.arrayContaining([key]) as unknown });
    expect(read[secret]).toEqual({ keys: [], error: 'TopicAuthorizationException' });
  });

  it('refuses a peer any write, even to the shared topics it reads', async () => {
    const producer = peerKafka('ca', credentials('us', 'ca')).producer();
    await producer.connect();
    try {
      await expect(producer.send({ topic: sharedTopic('ca', 'insights'), messages: [{ key: 'k', value: 'forged' }] })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await producer.disconnect();
    }
    await expect(
      withAdmin(peerKafka('ca', credentials('us', 'ca')), (admin) => admin.createTopics({ topics: [{ topic: `ca.shared.forged-${randomUUID()}.v1` }] })),
    ).rejects.toThrow();
  });

  it("refuses a wrong password, another pair's password and a client without SASL", async () => {
    const { username, password } = credentials('mx', 'ca');
    await expect(withAdmin(peerKafka('ca', { username, password: `${password}x` }), (admin) => admin.listTopics())).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
    // mx's password on us is not its password on ca: a leaked credential opens one door only.
    await expect(withAdmin(peerKafka('ca', { username, password: credentials('mx', 'us').password }), (admin) => admin.listTopics())).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
    await expect(withAdmin(peerKafka('ca', undefined), (admin) => admin.listTopics())).rejects.toThrow();
  });

  it('keeps every private topic of the contracts out of reach', async () => {
    const privateTopics = nodeTopics('mx')
      .map((spec) => spec.name)
      .filter((name) => !name.startsWith('mx.shared.'));
    const results = await withAdmin(peerKafka('mx', credentials('us', 'mx')), (admin) =>
      Promise.allSettled(privateTopics.map((topic) => admin.fetchTopicMetadata({ topics: [topic] }))),
    );
    expect(results.map((result) => (result.status === 'rejected' ? (result.reason as { type?: string }).type : 'granted'))).toEqual(
      privateTopics.map(() => 'TOPIC_AUTHORIZATION_FAILED'),
    );
  });
});
