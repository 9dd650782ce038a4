/** tests/deploy/tools/validate-k8s.mts refuses what the cluster or its operators would refuse. */
import { validateObjects } from './overlays';

const deployment = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
const topic = (apiVersion: string) => ({ apiVersion, kind: 'KafkaTopic', metadata: { name: 't' }, spec: { partitions: 3 } });
const mongodb = (spec: Record<string, unknown>) => ({
  apiVersion: 'mongodbcommunity.mongodb.com/v1',
  kind: 'MongoDBCommunity',
  metadata: { name: 'm' },
  spec: { type: 'ReplicaSet', members: 3, version: '7.0.14', security: { authentication: { modes: ['SCRAM'] } }, users: [], ...spec },
});
const containers = [{ name: 'c', image: 'i:1' }];

describe('validate-k8s.mts', () => {
  it('accepts valid objects of each family', () => {
    const results = validateObjects([
      deployment({ selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers } } }),
      topic('kafka.strimzi.io/v1'),
      mongodb({}),
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 's' }, spec: { selector: {}, endpoints: [{ port: 'http' }] } },
    ]);
    expect(results).toEqual([
      { kind: 'Deployment', name: 'd', errors: [] },
      { kind: 'KafkaTopic', name: 't', errors: [] },
      { kind: 'MongoDBCommunity', name: 'm', errors: [] },
      { kind: 'ServiceMonitor', name: 's', errors: [] },
    ]);
  });

  it.each([
    ['a kind it does not know', { apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w' } }],
    ['a Strimzi version Strimzi 1.x no longer serves', topic('kafka.strimzi.io/v1beta2')],
    ['a wrongly typed field', deployment({ selector: {}, replicas: 'two', template: { spec: { containers } } })],
    ['a missing required field', deployment({ template: { spec: { containers } } })],
    ['a misspelt MongoDBCommunity field', mongodb({ member: 3 })],
    ['a wrongly typed MongoDBCommunity field', mongodb({ members: 'three' })],
  ])('refuses %s', (_, object) => {
    const [result] = validateObjects([object]);
    expect(result?.errors.length).toBeGreaterThan(0);
  });
});
