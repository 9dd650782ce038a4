import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '../support/yaml';
import { dashboardFiles, dashboardPanels, filesUnder, fromRepo, GRAFANA_DIR, OBSERVABILITY_DIR, readDashboard } from './observability';

interface Datasource {
  name: string;
  uid: string;
  type: string;
  url: string;
}

const datasources = filesUnder(join(GRAFANA_DIR, 'provisioning', 'datasources')).flatMap(
  (file) => (readYaml(file) as { datasources: Datasource[] }).datasources,
);

describe('every file of deploy/observability', () => {
  it.each(filesUnder(OBSERVABILITY_DIR).map((file) => [fromRepo(file), file]))('%s parses', (_name, file) => {
    if (file.endsWith('.json')) expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expect.any(Object));
    else if (/\.ya?ml$/.test(file)) expect(readYaml(file)).toEqual(expect.any(Object));
    else throw new Error(`${fromRepo(file)} is neither YAML nor JSON`);
  });
});

describe('Grafana provisioning', () => {
  it('provisions Prometheus and Jaeger, by fixed uids, at their compose service names', () => {
    expect(datasources.map(({ uid, type, url }) => ({ uid, type, url })).sort((a, b) => a.uid.localeCompare(b.uid))).toEqual([
      { uid: 'naperj-jaeger', type: 'jaeger', url: 'http://jaeger:16686' },
      { uid: 'naperj-prometheus', type: 'prometheus', url: 'http://prometheus:9090' },
    ]);
  });

  it('provisions the dashboards from files, read-only', () => {
    const providers = filesUnder(join(GRAFANA_DIR, 'provisioning', 'dashboards')).flatMap(
      (file) => (readYaml(file) as { providers: { type: string; allowUiUpdates: boolean; options: { path: string } }[] }).providers,
    );
    expect(providers).toEqual([expect.objectContaining({ type: 'file', allowUiUpdates: false, options: { path: '/etc/grafana/dashboards' } })]);
  });

  it('has a node and a federation dashboard, with distinct uids', () => {
    const dashboards = dashboardFiles().map(readDashboard);
    expect(
      dashboardFiles()
        .map((file) => file.split('/').at(-1))
        .sort(),
    ).toEqual(['federation.json', 'node.json']);
    expect(new Set(dashboards.map((dashboard) => dashboard.uid)).size).toBe(dashboards.length);
  });

  it.each(dashboardFiles().map((file) => [fromRepo(file), file]))('%s names only provisioned datasources, by uid and type', (_name, file) => {
    const dashboard = readDashboard(file);
    const references = [
      ...dashboardPanels(dashboard).flatMap((panel) => [panel.datasource, ...(panel.targets ?? []).map((target) => target.datasource)]),
      ...dashboard.templating.list.map((variable) => variable.datasource),
    ].filter((reference) => reference !== undefined);
    expect(references.length).toBeGreaterThan(0);
    const provisioned = datasources.map(({ uid, type }) => ({ uid, type }));
    expect(references.filter((reference) => !provisioned.some(({ uid, type }) => uid === reference.uid && type === reference.type))).toEqual([]);
  });

  it('has the node dashboard select a country and the federation one a partner', () => {
    const variables = (name: string) => readDashboard(join(GRAFANA_DIR, 'dashboards', name)).templating.list.map((variable) => variable.name);
    expect(variables('node.json')).toEqual(expect.arrayContaining(['country', 'service']));
    expect(variables('federation.json')).toEqual(expect.arrayContaining(['country', 'peer']));
  });
});

interface Collector {
  extensions: Record<string, unknown>;
  receivers: Record<string, { protocols?: Record<string, { endpoint: string }> }>;
  processors: Record<string, unknown>;
  exporters: Record<string, { endpoint?: string }>;
  service: { extensions: string[]; pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
}

describe('OpenTelemetry Collector', () => {
  const collector = readYaml(join(OBSERVABILITY_DIR, 'otel-collector.yaml')) as Collector;

  it('references only components it defines', () => {
    const undefinedReferences = [
      ...collector.service.extensions.filter((name) => !(name in collector.extensions)),
      ...Object.values(collector.service.pipelines).flatMap((pipeline) => [
        ...pipeline.receivers.filter((name) => !(name in collector.receivers)),
        ...pipeline.processors.filter((name) => !(name in collector.processors)),
        ...pipeline.exporters.filter((name) => !(name in collector.exporters)),
      ]),
    ];
    expect(undefinedReferences).toEqual([]);
  });

  it('uses every component it defines', () => {
    const used = new Set([
      ...collector.service.extensions,
      ...Object.values(collector.service.pipelines).flatMap((p) => [...p.receivers, ...p.processors, ...p.exporters]),
    ]);
    const defined = [collector.extensions, collector.receivers, collector.processors, collector.exporters].flatMap((components) => Object.keys(components));
    expect(defined.filter((name) => !used.has(name))).toEqual([]);
  });

  it('receives OTLP over gRPC on 4317 and HTTP on 4318, where the services send (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
    expect(collector.receivers.otlp?.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
  });

  it('limits memory first, batches, and exports traces to Jaeger over OTLP, with a health check', () => {
    expect(collector.service.pipelines.traces).toEqual({ receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/jaeger'] });
    expect(collector.exporters['otlp/jaeger']?.endpoint).toBe('jaeger:4317');
    expect(collector.service.extensions).toContain('health_check');
  });
});
