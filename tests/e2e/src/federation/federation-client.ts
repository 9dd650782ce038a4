import { type CountryCode, localKafkaBrokers, localServicePort, type Role, type ServiceName } from '@naperj/contracts';
import { createKafka, type DecodedEvent, fromKafkaMessage } from '@naperj/messaging';
import { issueDevToken } from '@naperj/service-kit';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CollectedSpan, eventually as pollUntil, readTopics as readTopicRecords } from '@naperj/service-kit/testing';
import { REPO_ROOT, SPANS_FILE } from './federation-paths';

/** An answer of the API; `body` is its JSON as the caller expects it (undefined when the answer has none). */
export interface Answer<Body = unknown> {
  status: number;
  body: Body;
  etag: string | null;
}

/** A page of a listing, as the API answers it. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** A person of an agency on one node, holding a token of that node's issuer. */
export class Caller {
  private constructor(
    readonly country: CountryCode,
    private readonly token: string,
  ) {}

  static async of(country: CountryCode, roles: Role[], agency: string, sub = `e2e-${country}-${roles.join('-')}`): Promise<Caller> {
    return new Caller(country, await issueDevToken({ secretsDir: join(REPO_ROOT, '.secrets'), country, agency, roles, sub }));
  }

  async call<Body = unknown>(method: string, path: string, body?: object, ifMatch?: number, service: ServiceName = 'submissions'): Promise<Answer<Body>> {
    const response = await fetch(`http://127.0.0.1:${localServicePort(this.country, service)}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(ifMatch !== undefined ? { 'if-match': `"${ifMatch}"` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Body, etag: response.headers.get('etag') };
  }
}

/** A node's agency publishing a submission through its whole review; resolves when it is published. */
export async function publish(submitter: Caller, reviewer: Caller, fields: object): Promise<{ id: string; publishedAt: number }> {
  const created = await submitter.call<{ id: string }>('POST', '/submissions', fields);
  if (created.status !== 201) throw new Error(`draft refused: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  await expectOk(submitter.call('POST', `/submissions/${id}/submit`, undefined, 1));
  await expectOk(reviewer.call('POST', `/submissions/${id}/reviews`, { decision: 'approve', comment: 'Lista para compartir.' }, 2));
  await expectOk(reviewer.call('POST', `/submissions/${id}/publish`, undefined, 3));
  return { id, publishedAt: Date.now() };
}

async function expectOk(answer: Promise<Answer>): Promise<void> {
  const { status, body } = await answer;
  if (status !== 200) throw new Error(`step refused: ${status} ${JSON.stringify(body)}`);
}

/** The shared poll, with the federation's patience: replication crosses three clusters on a loaded machine. */
export function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  return pollUntil(what, probe, timeoutMs);
}

/** The spans every node has exported so far. */
export function exportedSpans(): CollectedSpan[] {
  return readFileSync(SPANS_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as CollectedSpan);
}

export interface ReadMessage {
  topic: string;
  key: string;
  value: Buffer | null;
  headers: Record<string, string>;
  decoded?: DecodedEvent;
}

/** Every message of the topics on a node's cluster, from their start to their current end. */
export async function readTopics(country: CountryCode, topics: string[]): Promise<ReadMessage[]> {
  const kafka = createKafka({ brokers: [localKafkaBrokers(country)], clientId: 'e2e-reader', log: () => undefined });
  return (await readTopicRecords(kafka, topics)).map(({ topic, key, value, headers }) => {
    const decoded = value === null ? undefined : fromKafkaMessage({ headers, value });
    return { topic, key, value, headers, ...(decoded?.ok ? { decoded: decoded.decoded } : {}) };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs an ES module snippet in deploy/local, as the operator's tools would, e.g. to stop one process; returns what it printed. */
export function runDeployScript(code: string): string {
  const result = spawnSync(process.execPath, ['--disable-warning=TimeoutNegativeWarning', '--input-type=module', '-e', code], {
    cwd: join(REPO_ROOT, 'deploy', 'local'),
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (result.status !== 0) throw new Error(`deploy script failed: ${result.stderr}`);
  return result.stdout;
}
