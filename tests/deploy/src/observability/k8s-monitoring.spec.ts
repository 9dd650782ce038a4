import { COUNTRY_CODES, SERVICE_NAMES } from '@naperj/contracts';
import { existsSync } from 'node:fs';
import { repoPath } from '../support/repo';
import { validateObjects } from '../k8s/overlays';
import { kustomizeBuild } from '../support/tools';
import { readYamlDocuments } from '../support/yaml';
import { allRuleGroups } from './observability';

interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
}

interface Relabeling {
  sourceLabels?: string[];
  regex?: string;
  targetLabel: string;
  replacement?: string;
}

interface ServiceMonitorSpec {
  selector: { matchLabels: Record<string, string> };
  endpoints: { port: string; path: string; authorization?: { type: string; credentials: { name: string; key: string } }; relabelings?: Relabeling[] }[];
}

const MONITORING_DIR = repoPath('k8s', 'base', 'monitoring');
const monitoring = kustomizeBuild(MONITORING_DIR) as KubernetesObject[];
const serviceMonitor = monitoring.find((object) => object.kind === 'ServiceMonitor')!;
const serviceMonitorSpec = serviceMonitor.spec as ServiceMonitorSpec;

/** What Prometheus makes of a relabeling (a `replace`, its default): the regex anchored, `$1` substituted. */
function relabel(labels: Record<string, string>, relabelings: readonly Relabeling[]): Record<string, string> {
  const result = { ...labels };
  for (const { sourceLabels = [], regex = '(.*)', targetLabel, replacement = '$1' } of relabelings) {
    const match = new RegExp(`^(?:${regex})$`).exec(sourceLabels.map((label) => result[label] ?? '').join(';'));
    if (match) result[targetLabel] = replacement.replace(/\$(\d+)/g, (_all, group: string) => match[Number(group)] ?? '');
  }
  return result;
}

describe('k8s/base/monitoring', () => {
  it('builds a ServiceMonitor and a PrometheusRule of the Prometheus Operator', () => {
    expect(monitoring.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`).sort()).toEqual([
      'monitoring.coreos.com/v1 PrometheusRule',
      'monitoring.coreos.com/v1 ServiceMonitor',
    ]);
  });

  it('validates against the Prometheus Operator schemas (tests/deploy/tools/validate-k8s.mts)', () => {
    expect(validateObjects(monitoring)).toEqual([
      { kind: 'PrometheusRule', name: 'naperj-alerts', errors: [] },
      { kind: 'ServiceMonitor', name: 'naperj-services', errors: [] },
    ]);
  });

  it('holds exactly the rule groups of deploy/observability/prometheus/rules', () => {
    const rule = monitoring.find((object) => object.kind === 'PrometheusRule')!;
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...(rule.spec as { groups: { name: string }[] }).groups].sort(byName)).toEqual(allRuleGroups().sort(byName));
  });

  it('selects the Service of each of the four services, and its http port', () => {
    const services = SERVICE_NAMES.map((name) =>
      (readYamlDocuments(repoPath('k8s', 'base', 'services', `${name}.yaml`)) as KubernetesObject[]).find((object) => object.kind === 'Service'),
    );
    for (const service of services) {
      expect(service?.metadata.labels).toEqual(expect.objectContaining(serviceMonitorSpec.selector.matchLabels));
      expect((service?.spec as { ports: { name: string }[] }).ports.map((port) => port.name)).toContain(serviceMonitorSpec.endpoints[0]!.port);
    }
    expect(serviceMonitorSpec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
  });

  it('scrapes with a bearer token from a Secret, as /metrics wants an operator', () => {
    expect(serviceMonitorSpec.endpoints[0]!.authorization).toEqual({ type: 'Bearer', credentials: { name: 'naperj-metrics-scrape', key: 'token' } });
  });

  it('labels a target with its service, like the compose scrape configuration', () => {
    const labels = relabel(
      { __meta_kubernetes_service_label_app_kubernetes_io_name: 'reporting', __meta_kubernetes_namespace: 'naperj-mx' },
      serviceMonitorSpec.endpoints[0]!.relabelings ?? [],
    );
    expect(labels).toEqual(expect.objectContaining({ service: 'reporting', country: 'mx', job: 'naperj-mx' }));
  });

  const overlays = COUNTRY_CODES.filter((country) => existsSync(repoPath('k8s', 'overlays', country, 'kustomization.yaml')));

  it.each(overlays)('labels the %s overlay’s targets with the country its services run as', (country) => {
    const objects = kustomizeBuild(repoPath('k8s', 'overlays', country)) as KubernetesObject[];
    const monitor = objects.find((object) => object.kind === 'ServiceMonitor' && object.metadata.name === serviceMonitor.metadata.name)!;
    const config = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('naperj-config'))!;
    const labels = relabel(
      { __meta_kubernetes_namespace: monitor.metadata.namespace ?? '' },
      (monitor.spec as ServiceMonitorSpec).endpoints[0]!.relabelings ?? [],
    );
    expect({ country: labels.country, job: labels.job }).toEqual({ country: config.data?.NODE_COUNTRY, job: `naperj-${country}` });
    expect(config.data?.NODE_COUNTRY).toBe(country);
  });
});
