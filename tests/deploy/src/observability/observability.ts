import { MetricsRegistry } from '@naperj/service-kit';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, repoPath } from '../support/repo';
import { readYaml } from '../support/yaml';

export const OBSERVABILITY_DIR = repoPath('deploy', 'observability');
export const PROMETHEUS_DIR = join(OBSERVABILITY_DIR, 'prometheus');
export const RULES_DIR = join(PROMETHEUS_DIR, 'rules');
export const RULE_TESTS_DIR = join(RULES_DIR, 'tests');
export const GRAFANA_DIR = join(OBSERVABILITY_DIR, 'grafana');

/** Every file under a folder, recursively, as absolute paths, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function fromRepo(path: string): string {
  return relative(REPO_ROOT, path);
}

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: Rule[];
}

/** The alert rule files Prometheus loads (`rule_files: rules/*.yml`). */
export function ruleFiles(): string[] {
  return readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => join(RULES_DIR, name));
}

/** The `promtool test rules` files. */
export function ruleTestFiles(): string[] {
  return readdirSync(RULE_TESTS_DIR)
    .filter((name) => name.endsWith('.test.yml'))
    .sort()
    .map((name) => join(RULE_TESTS_DIR, name));
}

export function ruleGroups(file: string): RuleGroup[] {
  return (readYaml(file) as { groups: RuleGroup[] }).groups;
}

export function allRuleGroups(): RuleGroup[] {
  return ruleFiles().flatMap(ruleGroups);
}

export interface DashboardPanel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr?: string; datasource?: { type: string; uid: string } }[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
  templating: { list: { name: string; datasource?: { type: string; uid: string }; query?: string | { query: string }; definition?: string }[] };
}

export function dashboardFiles(): string[] {
  return filesUnder(join(GRAFANA_DIR, 'dashboards')).filter((file) => file.endsWith('.json'));
}

export function readDashboard(file: string): Dashboard {
  return JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
}

export function dashboardPanels(dashboard: Dashboard): DashboardPanel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** Every PromQL query of a dashboard: its panels' and its template variables'. */
export function dashboardQueries(dashboard: Dashboard): string[] {
  const panels = dashboardPanels(dashboard).flatMap((panel) => (panel.targets ?? []).flatMap((target) => (target.expr ? [target.expr] : [])));
  const variables = dashboard.templating.list.map((variable) => (typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '')));
  return [...panels, ...variables.map((query) => /^label_values\((.*),\s*\w+\)$/.exec(query)?.[1] ?? query)];
}

const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects: its identifiers that are neither functions
 * (followed by `(`), keywords, label names (inside `{…}` or a `by (…)` clause), durations nor
 * numbers. Strings and Grafana variables are taken out first.
 */
export function promqlMetricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w.:])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)) {
    const name = match[1]!;
    if (!PROMQL_WORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** A histogram's series (`_bucket`, `_sum`, `_count`) are named after the metric. */
export function baseMetricName(name: string, histograms: ReadonlySet<string>): string {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return base !== name && histograms.has(base) ? base : name;
}

/**
 * Metrics named by the alerts that no naperj code exports, each with where it comes from.
 * Nothing else may be named.
 */
export const NON_NAPERJ_METRICS: Readonly<Record<string, string>> = {
  up: 'Prometheus itself: 1 when the last scrape of the target succeeded',
};

/** The source files of libs and services that define Prometheus metrics (specs left out). */
function metricSourceFiles(): string[] {
  const roots = ['libs', 'services'].flatMap((top) => readdirSync(repoPath(top)).map((project) => repoPath(top, project, 'src')));
  return roots
    .flatMap((root) => filesUnder(root))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .filter((file) => /from 'prom-client'|MetricsRegistry/.test(readFileSync(file, 'utf8')));
}

export interface ExportedMetrics {
  /** Every metric name the code registers. */
  names: Set<string>;
  /** Those of them that are histograms. */
  histograms: Set<string>;
}

/**
 * The metrics the code exports, read statically: the Node.js process metrics the kit's
 * registry collects (by asking it), and every metric name spelled in a file that registers
 * metrics (`name: '…'` of prom-client's configuration, or a `naperj_` name given to a helper).
 * tests/integration/src/observability scrapes the four running services to confirm.
 */
export async function exportedMetrics(): Promise<ExportedMetrics> {
  const names = new Set<string>();
  const histograms = new Set<string>();
  for (const metric of await MetricsRegistry.forProcess().registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') histograms.add(metric.name);
  }
  for (const file of metricSourceFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/name:\s*'([a-zA-Z_:][\w:]*)'/g)) names.add(name!);
    for (const [, name] of text.matchAll(/'(naperj_[a-z0-9_]+)'/g)) names.add(name!);
    for (const [, name] of text.matchAll(/histogram(?:<[^>]*>)?\(\{\s*name:\s*'([a-zA-Z_:][\w:]*)'/gi)) histograms.add(name!);
  }
  return { names, histograms };
}
