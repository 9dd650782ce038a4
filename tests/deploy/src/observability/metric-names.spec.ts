import {
  allRuleGroups,
  baseMetricName,
  dashboardFiles,
  dashboardQueries,
  exportedMetrics,
  type ExportedMetrics,
  fromRepo,
  NON_NAPERJ_METRICS,
  promqlMetricNames,
  readDashboard,
} from './observability';

/** Every metric an alert or a dashboard names, with where it is named. */
function namedMetrics(histograms: ReadonlySet<string>): { metric: string; where: string }[] {
  const rules = allRuleGroups().flatMap((group) =>
    group.rules.flatMap((rule) => promqlMetricNames(rule.expr).map((metric) => ({ metric, where: `alert ${rule.alert}` }))),
  );
  const dashboards = dashboardFiles().flatMap((file) =>
    dashboardQueries(readDashboard(file)).flatMap((query) => promqlMetricNames(query).map((metric) => ({ metric, where: fromRepo(file) }))),
  );
  return [...rules, ...dashboards].map(({ metric, where }) => ({ metric: baseMetricName(metric, histograms), where }));
}

describe('metric names of the alerts and dashboards', () => {
  let exported: ExportedMetrics;

  beforeAll(async () => {
    exported = await exportedMetrics();
  });

  it('finds the metrics the code defines, its own and the process ones', () => {
    for (const metric of [
      'http_request_duration_seconds',
      'naperj_outbox_pending',
      'naperj_consumer_lag',
      'naperj_federation_peer_health',
      'naperj_process_cpu_seconds_total',
    ]) {
      expect(exported.names).toContain(metric);
    }
    expect(exported.histograms).toContain('http_request_duration_seconds');
  });

  it('are each exported by the code, or a documented non-naperj metric', () => {
    const unknown = namedMetrics(exported.histograms).filter(({ metric }) => !exported.names.has(metric) && !(metric in NON_NAPERJ_METRICS));
    expect(unknown).toEqual([]);
  });

  it('name every documented non-naperj metric somewhere, so the list holds nothing stale', () => {
    const named = new Set(namedMetrics(exported.histograms).map(({ metric }) => metric));
    expect(Object.keys(NON_NAPERJ_METRICS).filter((metric) => !named.has(metric))).toEqual([]);
  });
});

describe('promqlMetricNames', () => {
  it('takes the metrics of an expression, leaving out functions, keywords, labels, strings and variables', () => {
    expect(
      promqlMetricNames(
        'sum by (country, service) (rate(http_requests_total{status=~"5..", country="$country"}[$__rate_interval])) / on (service) group_left sum without (le) (x_total offset 15m) > bool 0.05 unless up == 0',
      ).sort(),
    ).toEqual(['http_requests_total', 'up', 'x_total']);
  });

  it('keeps a histogram series apart from its metric only for histograms', () => {
    const histograms = new Set(['http_request_duration_seconds']);
    expect(baseMetricName('http_request_duration_seconds_bucket', histograms)).toBe('http_request_duration_seconds');
    expect(baseMetricName('naperj_outbox_published_count', histograms)).toBe('naperj_outbox_published_count');
  });
});
