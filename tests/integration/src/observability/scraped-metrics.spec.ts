import { EVENT_DATA_EXAMPLES, EVENT_TYPES, privateEventsTopic } from '@naperj/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { CommunityEngagementTestNode } from '../community-engagement/community-engagement-test-node';
import { ExpertNetworkTestNode } from '../expert-network/expert-network-test-node';
import { NODE, ReportingTestNode } from '../reporting/reporting-test-node';
import { SubmissionsTestNode } from '../submissions/submissions-test-node';
import { EXCLUSIVE_TOPICS_WAIT_MS } from '../engines/exclusive-topics';

const OBSERVABILITY = resolve(__dirname, '..', '..', '..', '..', 'deploy', 'observability');

interface RunningService {
  http(): ReturnType<typeof request>;
  operatorToken(): Promise<string>;
  close(): Promise<void>;
}

/** Each service as its integration tests start it, in-process on the real engines, with an operator's token. */
const SERVICES: Record<string, () => Promise<RunningService>> = {
  submissions: async () => {
    const node = new SubmissionsTestNode();
    await node.start();
    return { http: () => node.http(), operatorToken: () => node.token({ roles: ['operator'], agency: 'IMSS-Bienestar' }), close: () => node.close() };
  },
  'expert-network': async () => {
    const node = new ExpertNetworkTestNode();
    await node.start();
    return { http: () => node.http(), operatorToken: () => node.token({ roles: ['operator'], agency: 'IMSS-Bienestar' }), close: () => node.close() };
  },
  'community-engagement': async () => {
    const node = new CommunityEngagementTestNode();
    await node.start();
    return { http: () => node.http(), operatorToken: () => node.token({ roles: ['operator'] }), close: () => node.close() };
  },
  reporting: async () => {
    const node = new ReportingTestNode();
    await node.start();
    // An event for its consumer groups to process, so that they report their lag.
    const drafted = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionDrafted].private;
    await node.send(node.ownEvent(EVENT_TYPES.submissionDrafted, { ...drafted, id: uuidv7() }));
    await node.readModelsCaughtUp();
    return { http: () => node.http(), operatorToken: () => node.token(['operator']), close: () => node.close() };
  },
};

interface Scrape {
  /** Every metric the exposition declares (`# TYPE`), with its type: prom-client declares each registered metric, sampled or not. */
  types: Map<string, string>;
  text: string;
}

async function scrape(service: RunningService): Promise<Scrape> {
  const response = await service
    .http()
    .get('/metrics')
    .set('Authorization', `Bearer ${await service.operatorToken()}`)
    .expect(200);
  const text = response.text;
  return { text, types: new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => [name!, type!])) };
}

/** The naperj metric names (`naperj_*`, `http_*`) the alert rules and dashboards query. */
function queriedMetrics(): { metric: string; file: string }[] {
  const files = [
    ...readdirSync(join(OBSERVABILITY, 'prometheus', 'rules'))
      .filter((name) => name.endsWith('.yml'))
      .map((name) => join(OBSERVABILITY, 'prometheus', 'rules', name)),
    ...readdirSync(join(OBSERVABILITY, 'grafana', 'dashboards'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(OBSERVABILITY, 'grafana', 'dashboards', name)),
  ];
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const queries = file.endsWith('.json')
      ? [...text.matchAll(/"(?:expr|definition)": "((?:[^"\\]|\\.)*)"/g)].map(([, query]) => JSON.parse(`"${query}"`) as string)
      : (parse(text) as { groups: { rules: { expr: string }[] }[] }).groups.flatMap((group) => group.rules.map((rule) => rule.expr));
    return queries.flatMap((query) => [...query.matchAll(/\b((?:naperj|http)_[a-z0-9_]+)\b(?!\s*\()/g)].map(([, metric]) => ({ metric: metric!, file })));
  });
}

describe('the metrics the four services expose', () => {
  const scraped = new Map<string, Scrape>();

  beforeAll(async () => {
    for (const [name, start] of Object.entries(SERVICES)) {
      const service = await start();
      try {
        // Prometheus must bring a token: /metrics is for operators.
        await service.http().get('/metrics').expect(401);
        scraped.set(name, await scrape(service));
      } finally {
        await service.close();
      }
    }
  }, EXCLUSIVE_TOPICS_WAIT_MS + 240_000);

  it('include readiness, checked at the scrape, and the HTTP, consumer and outbox metrics, in every service', () => {
    for (const [service, { types, text }] of scraped) {
      expect({ service, ready: /^naperj_ready (\S+)$/m.exec(text)?.[1] }).toEqual({ service, ready: '1' });
      for (const metric of [
        'http_requests_total',
        'http_request_duration_seconds',
        'naperj_consumer_lag',
        'naperj_consumer_dlq_total',
        'naperj_outbox_pending',
      ]) {
        expect({ service, metric, declared: types.has(metric) }).toEqual({ service, metric, declared: true });
      }
    }
  });

  it('include the lag of each partition a consumer group has processed', () => {
    const topic = privateEventsTopic(NODE, 'submissions');
    const samples = [...scraped.get('reporting')!.text.matchAll(/^naperj_consumer_lag\{([^}]*)\} (\S+)$/gm)]
      .filter(([, labels]) => labels!.includes(`topic="${topic}"`))
      .map(([, , value]) => Number(value));
    expect(samples.length).toBeGreaterThan(0);
    for (const lag of samples) expect(lag).toBeGreaterThanOrEqual(0);
  });

  it('count the commands each service sent its database, by the collection each named', () => {
    for (const [service, { text }] of scraped) {
      const counted = [...text.matchAll(/^naperj_database_commands_total\{([^}]*)\} (\S+)$/gm)]
        .filter(([, labels]) => !labels!.includes('collection=""'))
        .reduce((sum, [, , value]) => sum + Number(value), 0);
      expect({ service, counted: counted > 0 }).toEqual({ service, counted: true });
    }
  });

  it('include every naperj metric an alert rule or a dashboard queries', () => {
    const types = new Map([...scraped.values()].flatMap((scrape) => [...scrape.types]));
    const missing = queriedMetrics().filter(({ metric }) => {
      const base = metric.replace(/_(bucket|sum|count)$/, '');
      return !types.has(metric) && !(base !== metric && types.get(base) === 'histogram');
    });
    expect(queriedMetrics().length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
