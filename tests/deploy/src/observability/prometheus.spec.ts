import { COUNTRY_CODES, localServicePort, SERVICE_NAMES } from '@naperj/contracts';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../support/repo';
import { promtool } from '../support/tools';
import { readYaml } from '../support/yaml';
import { allRuleGroups, fromRepo, PROMETHEUS_DIR, RULE_TESTS_DIR, ruleFiles, ruleGroups, ruleTestFiles } from './observability';

interface ScrapeConfig {
  job_name: string;
  authorization?: { type?: string; credentials_file?: string };
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
}

interface PrometheusConfig {
  rule_files: string[];
  scrape_configs: ScrapeConfig[];
}

interface RuleTestFile {
  rule_files: string[];
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

const PROMETHEUS_YML = join(PROMETHEUS_DIR, 'prometheus.yml');
const config = readYaml(PROMETHEUS_YML) as PrometheusConfig;
const naperjJobs = config.scrape_configs.filter((job) => job.job_name.startsWith('naperj-'));

function expectSuccess(run: { status: number; stdout: string; stderr: string }): void {
  // The output beside the status, so that a failure shows what the tool said.
  const output = `${run.stdout}${run.stderr}`;
  expect({ status: run.status, output }).toEqual({ status: 0, output });
}

describe('prometheus.yml', () => {
  it('passes promtool check config, with its rules and a scrape token per country beside it', () => {
    // The tokens are the agency's secrets, mounted at run time: placeholders stand in for them here.
    const dir = mkdtempSync(join(tmpdir(), 'naperj-prometheus-'));
    try {
      cpSync(PROMETHEUS_DIR, dir, { recursive: true });
      mkdirSync(join(dir, 'secrets'));
      for (const job of naperjJobs) writeFileSync(join(dir, job.authorization!.credentials_file!), 'placeholder\n');
      const run = promtool(['check', 'config', 'prometheus.yml'], dir);
      expectSuccess(run);
      // Every rule file is loaded by the config's rule_files.
      for (const file of ruleFiles()) expect(run.stdout).toContain(`rules/${file.split('/').at(-1)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scrapes each country with a bearer token of its own, read from a mounted file', () => {
    expect(naperjJobs.map((job) => job.job_name).sort()).toEqual(COUNTRY_CODES.map((country) => `naperj-${country}`).sort());
    for (const job of naperjJobs) {
      const country = job.job_name.replace('naperj-', '');
      expect(job.authorization).toEqual({ type: 'Bearer', credentials_file: `secrets/${country}-scrape-token` });
    }
  });

  it('scrapes exactly the four services of every country, at their contracts port, labelled by country and service', () => {
    const targets = naperjJobs.flatMap((job) =>
      (job.static_configs ?? []).flatMap(({ targets, labels }) => targets.map((target) => ({ job: job.job_name, target, ...labels }))),
    );
    const expected = COUNTRY_CODES.flatMap((country) =>
      SERVICE_NAMES.map((service) => ({ job: `naperj-${country}`, target: `${country}-${service}:${localServicePort(country, service)}`, country, service })),
    );
    expect(targets.sort(byTarget)).toEqual(expected.sort(byTarget));
  });

  it('scrapes every service docker-compose.yml runs, and names no target compose lacks', () => {
    const compose = readYaml(repoPath('docker-compose.yml')) as { services: Record<string, unknown> };
    const serviceNames = new Set<string>(SERVICE_NAMES);
    const composeServices = Object.keys(compose.services)
      .filter((name) => serviceNames.has(name.slice(3)) && COUNTRY_CODES.some((country) => name.startsWith(`${country}-`)))
      .sort();
    const scraped = naperjJobs.flatMap((job) => (job.static_configs ?? []).flatMap(({ targets }) => targets.map((target) => target.split(':')[0]!))).sort();
    expect(scraped).toEqual(composeServices);
    expect(composeServices).toHaveLength(COUNTRY_CODES.length * SERVICE_NAMES.length);
  });
});

function byTarget(a: { target: string }, b: { target: string }): number {
  return a.target.localeCompare(b.target);
}

describe('alert rules', () => {
  it.each(ruleFiles().map((file) => [fromRepo(file), file]))('%s passes promtool check rules', (_name, file) => {
    expectSuccess(promtool(['check', 'rules', file]));
  });

  it.each(ruleTestFiles().map((file) => [fromRepo(file), file]))('%s passes promtool test rules', (_name, file) => {
    expectSuccess(promtool(['test', 'rules', file], RULE_TESTS_DIR));
  });

  it('has a test file for every rule file', () => {
    const tested = ruleTestFiles().flatMap((file) => (readYaml(file) as RuleTestFile).rule_files.map((rules) => join(RULE_TESTS_DIR, rules)));
    expect(ruleFiles().filter((file) => !tested.includes(file))).toEqual([]);
  });

  it('tests every alert both firing and silent, in the test file of its rule file', () => {
    for (const testFile of ruleTestFiles()) {
      const tests = readYaml(testFile) as RuleTestFile;
      const alerts = tests.rule_files.flatMap((rules) => ruleGroups(join(RULE_TESTS_DIR, rules))).flatMap((group) => group.rules.map((rule) => rule.alert!));
      const cases = tests.tests.flatMap((test) => test.alert_rule_test ?? []);
      const firing = new Set(cases.filter((test) => (test.exp_alerts ?? []).length > 0).map((test) => test.alertname));
      const silent = new Set(cases.filter((test) => (test.exp_alerts ?? []).length === 0).map((test) => test.alertname));
      expect({ file: fromRepo(testFile), untestedFiring: alerts.filter((alert) => !firing.has(alert)) }).toEqual({
        file: fromRepo(testFile),
        untestedFiring: [],
      });
      expect({ file: fromRepo(testFile), untestedSilent: alerts.filter((alert) => !silent.has(alert)) }).toEqual({
        file: fromRepo(testFile),
        untestedSilent: [],
      });
    }
  });

  it('gives every alert a unique name, a duration, a severity, a summary, a description and a runbook hint', () => {
    const rules = allRuleGroups().flatMap((group) => group.rules);
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Naperj[A-Z]\w+$/);
      expect({ alert: rule.alert, for: rule.for }).toEqual({ alert: rule.alert, for: expect.stringMatching(/^\d+m$/) as string });
      expect({ alert: rule.alert, severityKnown: ['critical', 'warning'].includes(rule.labels?.severity ?? '') }).toEqual({
        alert: rule.alert,
        severityKnown: true,
      });
      expect(Object.keys(rule.annotations ?? {}).sort()).toEqual(['description', 'runbook', 'summary']);
    }
  });

  it('covers each kind of trouble the node must be alerted to, by the metric it reads', () => {
    const expressions = allRuleGroups()
      .flatMap((group) => group.rules)
      .map((rule) => rule.expr)
      .join('\n');
    for (const metric of [
      'up',
      'naperj_ready',
      'http_requests_total',
      'naperj_consumer_lag',
      'naperj_consumer_dlq_total',
      'naperj_outbox_oldest_pending_age_seconds',
      'naperj_outbox_parked',
      'naperj_consumer_signature_failures_total',
      'naperj_federation_peer_health',
      'naperj_federation_replication_latency_seconds',
    ]) {
      expect(expressions).toMatch(new RegExp(`\\b${metric}\\b`));
    }
  });
});
