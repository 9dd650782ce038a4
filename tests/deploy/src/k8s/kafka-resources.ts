/**
 * The KafkaTopic and KafkaUser resources a country's overlay must hold, computed from the
 * contracts, the topic settings the services provision (libs/messaging `topicConfigEntries`),
 * the services' code (./kafka-access) and deploy/federation/federation.json. The overlays'
 * `kafka-topics.yaml` and `kafka-users.yaml` are these, written by `kafka.spec.ts` when run
 * with UPDATE_K8S_KAFKA=1 and compared with them otherwise.
 */
import { COUNTRY_CODES, type CountryCode, nodeTopics, peerSharedTopics } from '@naperj/contracts';
import { topicConfigEntries } from '@naperj/messaging';
import { readFileSync } from 'node:fs';
import { repoPath } from '../support/repo';
import { SERVICES, serviceKafkaAccess, sourceFiles } from './kafka-access';

/** The Strimzi Kafka resource of k8s/base/kafka/kafka.yaml, whose operators reconcile topics and users. */
export const KAFKA_CLUSTER = 'naperj';
/** The node's own MirrorMaker 2 (k8s/overlays/<cc>/mirrormaker.yaml) and its KafkaUser. */
export const MIRRORMAKER = 'naperj-mirrormaker';
/** Its Connect worker group and internal topics all start with this. */
const MIRRORMAKER_INTERNAL_PREFIX = `${MIRRORMAKER}.`;

export type AclOperation = 'Read' | 'Write' | 'Create' | 'Describe' | 'DescribeConfigs' | 'Delete';

export interface Acl {
  resource: { type: 'topic' | 'group' | 'transactionalId'; name: string; patternType: 'literal' | 'prefix' };
  operations: AclOperation[];
}

export interface KafkaResource {
  apiVersion: 'kafka.strimzi.io/v1';
  kind: 'KafkaTopic' | 'KafkaUser';
  metadata: { name: string; labels: { 'strimzi.io/cluster': string } };
  spec: Record<string, unknown>;
}

export const peersOf = (country: CountryCode): CountryCode[] => COUNTRY_CODES.filter((c) => c !== country);

interface Federation {
  countries: Record<CountryCode, { mirrorUser: string }>;
}

/** The SCRAM user name each country's MirrorMaker logs in to its partners with. */
export function mirrorUserOf(country: CountryCode): string {
  const federation = JSON.parse(readFileSync(repoPath('deploy', 'federation', 'federation.json'), 'utf8')) as Federation;
  return federation.countries[country].mirrorUser;
}

/** Secrets the agency provides for its partners' MirrorMakers (README.md, "Deploy on Kubernetes"). */
export const peerMirrorPasswordSecret = (peer: CountryCode): string => `naperj-peer-${peer}-mirror-password`;

const metadata = (name: string) => ({ name, labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } });

/** Every topic of the node's cluster: its own and its peers' shared ones, which MirrorMaker 2 fills. */
export function expectedKafkaTopics(country: CountryCode, minInsyncReplicas: number): KafkaResource[] {
  return [...nodeTopics(country), ...peerSharedTopics(peersOf(country))].map((spec) => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: metadata(spec.name),
    spec: {
      partitions: spec.partitions,
      config: Object.fromEntries(topicConfigEntries(spec, { minInsyncReplicas }).map(({ name, value }) => [name, value])),
    },
  }));
}

const OPERATION_ORDER: readonly AclOperation[] = ['Read', 'Write', 'Create', 'Delete', 'Describe', 'DescribeConfigs'];
const ordered = (operations: Iterable<AclOperation>): AclOperation[] => OPERATION_ORDER.filter((operation) => new Set(operations).has(operation));

/** Whether the service publishes through the outbox, whose relays send in transactions. */
function hasOutbox(service: string): boolean {
  return sourceFiles(repoPath('services', service, 'src')).some((file) => readFileSync(file, 'utf8').includes('OutboxModule.forRootAsync('));
}

export function expectedKafkaUsers(country: CountryCode): KafkaResource[] {
  const peers = peersOf(country);
  const services = SERVICES.map((service): KafkaResource => {
    const access = serviceKafkaAccess(service, country, peers);
    const acls: Acl[] = access.describes.map((name) => {
      const operations: AclOperation[] = ['Describe', 'DescribeConfigs'];
      if (access.reads.includes(name)) operations.push('Read');
      if (access.writes.includes(name)) operations.push('Write');
      return { resource: { type: 'topic', name, patternType: 'literal' }, operations: ordered(operations) };
    });
    acls.push({ resource: { type: 'group', name: access.groupPrefix, patternType: 'prefix' }, operations: ordered(['Read', 'Describe', 'Delete']) });
    if (hasOutbox(service)) {
      acls.push({
        resource: { type: 'transactionalId', name: access.transactionalIdPrefix, patternType: 'prefix' },
        operations: ordered(['Write', 'Describe']),
      });
    }
    return {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaUser',
      metadata: metadata(service),
      spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
    };
  });
  const mirrorMaker: KafkaResource = {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: metadata(MIRRORMAKER),
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: [
          // Copies into the partners' shared topics, which KafkaTopics created (no Create,
          // and no AlterConfigs: it syncs no topic settings).
          ...peers.map((peer): Acl => ({
            resource: { type: 'topic', name: `${peer}.shared.`, patternType: 'prefix' },
            operations: ordered(['Write', 'Describe', 'DescribeConfigs']),
          })),
          // Its Connect worker's own configuration, status and offset topics, and its group.
          {
            resource: { type: 'topic', name: MIRRORMAKER_INTERNAL_PREFIX, patternType: 'prefix' },
            operations: ordered(['Create', 'Read', 'Write', 'Describe', 'DescribeConfigs']),
          },
          { resource: { type: 'group', name: MIRRORMAKER, patternType: 'literal' }, operations: ordered(['Read', 'Describe']) },
        ],
      },
    },
  };
  // Each partner's MirrorMaker reads this node's shared topics through the peers listener,
  // and nothing else; the password is the one this agency gave that partner.
  const partners = peers.map((peer): KafkaResource => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: metadata(mirrorUserOf(peer)),
    spec: {
      authentication: { type: 'scram-sha-512', password: { valueFrom: { secretKeyRef: { name: peerMirrorPasswordSecret(peer), key: 'password' } } } },
      authorization: {
        type: 'simple',
        acls: [
          { resource: { type: 'topic', name: `${country}.shared.`, patternType: 'prefix' }, operations: ordered(['Read', 'Describe', 'DescribeConfigs']) },
        ],
      },
    },
  }));
  return [...services, mirrorMaker, ...partners];
}
