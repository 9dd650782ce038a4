/**
 * The overlays' Kafka resources against the code: topics, users and their ACLs, MirrorMaker 2.
 * `npm run k8s:kafka` (`UPDATE_K8S_KAFKA=1`) writes k8s/overlays/<cc>/kafka-topics.yaml and kafka-users.yaml from the
 * code instead of comparing (after a topic, event type or handler changed).
 */
import { COUNTRY_CODES, type CountryCode, nodeTopics, peerSharedTopics, SHARED_STREAMS, sharedTopic } from '@naperj/contracts';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { repoPath } from '../support/repo';
import { readYamlDocuments } from '../support/yaml';
import { type Acl, expectedKafkaTopics, expectedKafkaUsers, type KafkaResource, KAFKA_CLUSTER, MIRRORMAKER, mirrorUserOf, peersOf } from './kafka-resources';
import { buildOverlay, type K8sObject, named, OVERLAYS, ofKind } from './overlays';

const UPDATE = process.env.UPDATE_K8S_KAFKA === '1';

const HEADER = (what: string) =>
  `# The ${what} of this node, written from the code by tests/deploy/src/k8s/kafka.spec.ts\n# (npm run k8s:kafka); that test fails while this file differs from the code.\n`;

function minInsyncReplicas(objects: K8sObject[]): number {
  const config = ofKind(objects, 'ConfigMap').find((map) => map.metadata.name.startsWith('naperj-config'));
  return Number(config?.data?.KAFKA_MIN_INSYNC_REPLICAS);
}

type MirrorMaker2 = K8sObject & {
  spec: {
    target: { alias: string; bootstrapServers: string; authentication: { username: string } };
    mirrors: {
      source: { alias: string; bootstrapServers: string; authentication: { type: string; username: string }; tls?: unknown };
      topicsPattern: string;
      sourceConnector: { config: Record<string, unknown> };
    }[];
  };
};

interface KafkaCluster {
  spec: {
    kafka: {
      config: Record<string, unknown>;
      listeners: {
        name: string;
        port: number;
        tls: boolean;
        authentication?: { type: string };
        configuration?: { bootstrap?: { alternativeNames?: string[] } };
      }[];
    };
  };
}

/** Every topic name any country's node may hold, to try a topic pattern on. */
const ALL_TOPICS = [...new Set(COUNTRY_CODES.flatMap((country) => [...nodeTopics(country), ...peerSharedTopics(peersOf(country))].map((spec) => spec.name)))];

describe.each(OVERLAYS)('k8s/overlays/%s: Kafka', (country: CountryCode) => {
  const file = (name: string) => repoPath('k8s', 'overlays', country, name);
  const objects = () => buildOverlay(country);
  // As the overlay's own files declare them, in name order (kustomize sorts its output).
  const strip = (resources: K8sObject[]) =>
    resources
      .map(({ apiVersion, kind, metadata: { name, labels }, spec }) => ({ apiVersion, kind, metadata: { name, labels }, spec }))
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));

  if (UPDATE) {
    it('writes kafka-topics.yaml and kafka-users.yaml from the code', () => {
      // Quoted as prettier quotes YAML, so the written files pass `prettier --check`.
      const documents = (what: string, resources: KafkaResource[]) =>
        HEADER(what) + resources.map((resource) => stringify(resource, { singleQuote: true })).join('---\n');
      writeFileSync(file('kafka-topics.yaml'), documents('Kafka topics', expectedKafkaTopics(country, minInsyncReplicas(objects()))));
      writeFileSync(file('kafka-users.yaml'), documents('Kafka users and ACLs', expectedKafkaUsers(country)));
    });
    return;
  }

  it('declares exactly the topics libs/contracts defines for the node, with their partitions and settings', () => {
    const minIsr = minInsyncReplicas(objects());
    expect(minIsr).toBeGreaterThan(1);
    expect(strip(ofKind(objects(), 'KafkaTopic'))).toEqual(strip(expectedKafkaTopics(country, minIsr) as unknown as K8sObject[]));
    // Every file's own documents, too: the build adds nothing and drops nothing.
    expect(readYamlDocuments(file('kafka-topics.yaml'))).toHaveLength(nodeTopics(country).length + peerSharedTopics(peersOf(country)).length);
  });

  it('gives each service, its MirrorMaker and each partner exactly the ACLs the code needs', () => {
    expect(strip(ofKind(objects(), 'KafkaUser'))).toEqual(strip(expectedKafkaUsers(country) as unknown as K8sObject[]));
  });

  it("lets each partner's mirror user read this node's shared topics only", () => {
    for (const peer of peersOf(country)) {
      const user = named<{ spec: { authentication: { type: string }; authorization: { acls: Acl[] } } }>(objects(), 'KafkaUser', mirrorUserOf(peer));
      expect(user.spec.authentication.type).toBe('scram-sha-512');
      const [acl, ...others] = user.spec.authorization.acls;
      expect(others).toEqual([]);
      expect(acl?.resource).toEqual({ type: 'topic', name: `${country}.shared.`, patternType: 'prefix' });
      expect(acl?.operations).toContain('Read');
      expect(acl?.operations.every((operation) => ['Read', 'Describe', 'DescribeConfigs'].includes(operation))).toBe(true);
      const readable = ALL_TOPICS.filter((topic) => topic.startsWith(acl?.resource.name ?? ''));
      expect(readable.sort()).toEqual(SHARED_STREAMS.map((stream) => sharedTopic(country, stream)).sort());
    }
  });

  it("runs MirrorMaker 2 pulling exactly the partners' shared topics, as the local federation does", () => {
    const mirrorMakers = ofKind<MirrorMaker2>(objects(), 'KafkaMirrorMaker2');
    expect(mirrorMakers.map((m) => m.metadata.name)).toEqual([MIRRORMAKER]);
    const mirrorMaker = named<MirrorMaker2>(objects(), 'KafkaMirrorMaker2', MIRRORMAKER);
    expect(mirrorMaker.spec.target.alias).toBe(country);
    expect(mirrorMaker.spec.target.authentication.username).toBe(MIRRORMAKER);
    expect(mirrorMaker.spec.mirrors.map((mirror) => mirror.source.alias).sort()).toEqual(peersOf(country).sort());
    for (const { source, topicsPattern, sourceConnector } of mirrorMaker.spec.mirrors) {
      const pattern = new RegExp(`^(?:${topicsPattern})$`);
      expect(ALL_TOPICS.filter((topic) => pattern.test(topic)).sort()).toEqual(
        SHARED_STREAMS.map((stream) => sharedTopic(source.alias as CountryCode, stream)).sort(),
      );
      // deploy/local/federation.mts: the same names in every cluster, transactions honoured.
      expect(sourceConnector.config).toMatchObject({
        'replication.policy.class': 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
        'consumer.isolation.level': 'read_committed',
        'emit.offset-syncs.enabled': false,
        'sync.topic.acls.enabled': false,
      });
      // The partner's peers listener: SCRAM over TLS, as this country's mirror user.
      expect(source.authentication).toMatchObject({ type: 'scram-sha-512', username: mirrorUserOf(country) });
      expect(source.tls).toBeDefined();
      // The address the partner's own overlay advertises for its peers listener.
      const partnerPeers = named<KafkaCluster>(buildOverlay(source.alias as CountryCode), 'Kafka', KAFKA_CLUSTER).spec.kafka.listeners.find(
        (l) => l.name === 'peers',
      );
      const [host] = partnerPeers?.configuration?.bootstrap?.alternativeNames ?? [];
      expect(source.bootstrapServers).toBe(`${host}:${partnerPeers?.port}`);
    }
  });

  it('runs Kafka with replication factor 3, min.insync.replicas 2 and SCRAM over TLS on every listener', () => {
    const kafka = named<KafkaCluster>(objects(), 'Kafka', KAFKA_CLUSTER);
    expect(kafka.spec.kafka.config).toMatchObject({ 'default.replication.factor': 3, 'min.insync.replicas': 2, 'auto.create.topics.enable': false });
    expect(minInsyncReplicas(objects())).toBe(kafka.spec.kafka.config['min.insync.replicas']);
    for (const listener of kafka.spec.kafka.listeners)
      expect({ name: listener.name, tls: listener.tls, auth: listener.authentication?.type }).toEqual({
        name: listener.name,
        tls: true,
        auth: 'scram-sha-512',
      });
    const pools = ofKind<{ spec: { replicas: number; roles: string[] } }>(objects(), 'KafkaNodePool');
    for (const role of ['controller', 'broker'])
      expect(pools.filter((pool) => pool.spec.roles.includes(role)).reduce((sum, pool) => sum + pool.spec.replicas, 0)).toBe(3);
  });
});
