import { type CountryCode, type ServiceName } from '@naperj/contracts';
import { API_PREFIX } from '@naperj/service-kit';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { APP_MODULES, SERVICES } from '../support/app-modules';
import { ENGINES_COUNTRY, InProcessService } from '../support/in-process-service';
import { writeResult } from '../support/reliability-results';
import { declaredRoutes, documentedRoutes, type RouteKey, servesDeclared } from '../support/service-routes';
import { AUTHORIZATION_TABLE } from './authorization-table';
import { CALLER_ROLES, type Caller, CallerTokens, TOKEN_VARIANTS, type TokenVariant } from './caller-tokens';
import { type Expected, expectedOutcome } from './expected-outcome';

const NODE: CountryCode = ENGINES_COUNTRY;
const PARTNER: CountryCode = 'ca';

/** Every role, none and an unknown one, each as a caller of the node's country and of a partner's. */
const CALLERS: Caller[] = CALLER_ROLES.flatMap((role) => [NODE, PARTNER].map((country) => ({ role, country })));

/** Path parameters other than ids; an id is a fresh one, so whoever is let through gets a 404 and nothing changes. */
const PATH_PARAMETERS: Record<string, () => string> = {
  country: () => NODE,
  path: () => 'context.json',
};
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WRITES_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
// The matrix sends more writes per caller than the limits take: a 429 would hide what the route answers.
const UNLIMITED = { RATE_LIMIT_WRITES_PER_MINUTE: '999999', PUBLIC_WRITES_PER_MINUTE: '10000' };
const CONCURRENT_REQUESTS = 8;
const REQUEST_TIMEOUT_MS = 15_000;
const MAX_LISTED_FAILURES = 50;

interface MatrixCase {
  service: ServiceName;
  route: RouteKey;
  variant: TokenVariant;
  /** None for the variant `none`: without a token, nobody is anybody. */
  caller?: Caller;
  expected: Expected;
}

interface CaseResult extends MatrixCase {
  status: number;
}

/** Let through where the table forbids it: any answer but 401 and 403 (a 5xx counts apart, as an error). */
const isEscape = ({ expected, status }: CaseResult): boolean => !expected.allowed && status !== 401 && status !== 403 && status < 500;
const isServerError = ({ status }: CaseResult): boolean => status >= 500;
const isAsExpected = ({ expected, status }: CaseResult): boolean =>
  status < 500 && (expected.allowed ? status !== 401 && status !== 403 : status === expected.status);

describe('authorization matrix (R7): every route × caller × token of every service, node mx on the real engines', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-reliability-'));
  const services = new Map(
    SERVICES.map((service) => [service, new InProcessService({ service, appModule: APP_MODULES[service], secretsDir, env: UNLIMITED })]),
  );
  const results: CaseResult[] = [];
  let tokens: CallerTokens;

  beforeAll(async () => {
    // The issuer keys first: the services trust the node's key they find in the secrets folder.
    tokens = await CallerTokens.create(secretsDir, NODE, PARTNER);
    for (const service of services.values()) await service.start();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.close()));
    // The figures stand for the whole matrix only, not for a run filtered to some of it.
    if (SERVICES.every((service) => results.some((result) => result.service === service))) writeResult('r7', summaryOf(results));
  }, 60_000);

  describe.each(SERVICES)('%s', (name) => {
    it('has a table entry for every route it serves, and serves every route of its table', async () => {
      const service = services.get(name)!;
      const documented = documentedRoutes((await (await fetch(`${service.baseUrl}/api/docs-json`)).json()) as OpenAPIObject);
      const declared = declaredRoutes(service.nest);
      const table = Object.keys(AUTHORIZATION_TABLE[name]) as RouteKey[];
      const served = (route: RouteKey) => documented.includes(route) || declared.some((handler) => servesDeclared(route, handler, API_PREFIX));
      expect({
        documentedWithoutEntry: documented.filter((route) => !table.includes(route)),
        declaredWithoutEntry: declared.filter((handler) => !table.some((route) => servesDeclared(route, handler, API_PREFIX))),
        entriesNotServed: table.filter((route) => !served(route)),
      }).toEqual({ documentedWithoutEntry: [], declaredWithoutEntry: [], entriesNotServed: [] });
    });

    it('answers every case as the table says: no escape, no 5xx', async () => {
      const service = services.get(name)!;
      const cases = casesOf(name);
      const answered = await mapConcurrently(cases, CONCURRENT_REQUESTS, async (matrixCase) => ({
        ...matrixCase,
        status: await statusOf(service.baseUrl, matrixCase.route, await tokens.authorization(matrixCase.variant, matrixCase.caller)),
      }));
      results.push(...answered);
      const listed = (found: CaseResult[]) => found.slice(0, MAX_LISTED_FAILURES).map(describeCase);
      expect(listed(answered.filter(isEscape))).toEqual([]);
      expect(listed(answered.filter(isServerError))).toEqual([]);
      expect(listed(answered.filter((result) => !isAsExpected(result)))).toEqual([]);
    }, 300_000);
  });
});

function casesOf(service: ServiceName): MatrixCase[] {
  return Object.entries(AUTHORIZATION_TABLE[service]).flatMap(([key, access]) => {
    const route = key as RouteKey;
    const method = route.split(' ')[0]!;
    const withoutToken: MatrixCase = { service, route, variant: 'none', expected: expectedOutcome(access, method, NODE, 'none') };
    const withToken = CALLERS.flatMap((caller) =>
      TOKEN_VARIANTS.filter((variant) => variant !== 'none').map((variant): MatrixCase => ({
        service,
        route,
        variant,
        caller,
        expected: expectedOutcome(access, method, NODE, variant, caller),
      })),
    );
    return [withoutToken, ...withToken];
  });
}

/** The status of one request; an event stream's body never ends, and the status is all the matrix reads. */
async function statusOf(baseUrl: string, route: RouteKey, authorization: string | undefined): Promise<number> {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (_, parameter: string) => (PATH_PARAMETERS[parameter] ?? uuidv7)());
  const headers: Record<string, string> = authorization ? { authorization } : {};
  // A version precondition takes an allowed write past its 428 to the handler, which looks the id up.
  if (WRITES.has(method)) headers['if-match'] = '"1"';
  const withBody = WRITES_WITH_BODY.has(method);
  if (withBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: withBody ? '{}' : undefined, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
  else await response.arrayBuffer();
  return response.status;
}

async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const mapped: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      mapped[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return mapped;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function describeCase({ service, route, variant, caller, expected, status }: CaseResult): string {
  const who = caller ? `${caller.role} of ${caller.country}, ${variant} token` : 'no token';
  return `${service} ${route} as ${who}: ${status}, expected ${expected.allowed ? 'allowed' : expected.status}`;
}

/** The figures of the run, for docs/reliability.md. */
function summaryOf(results: CaseResult[]) {
  const figures = (of: CaseResult[]) => ({
    routes: new Set(of.map(({ service, route }) => `${service} ${route}`)).size,
    cases: of.length,
    escapes: of.filter(isEscape).length,
    serverErrors: of.filter(isServerError).length,
    unexpected: of.filter((result) => !isAsExpected(result)).length,
    statuses: countBy(of, ({ status }) => String(status)),
  });
  const all = figures(results);
  return {
    passed: all.escapes === 0 && all.serverErrors === 0 && all.unexpected === 0,
    figure: `${all.cases} cases on ${all.routes} routes: ${all.escapes} escapes, ${all.serverErrors} 5xx, ${all.unexpected} answers other than the table's`,
    title: 'Authorization matrix: every route × role × own or partner caller × token variant',
    callers: { roles: CALLER_ROLES, countries: [NODE, PARTNER] },
    tokenVariants: TOKEN_VARIANTS,
    ...all,
    services: Object.fromEntries(SERVICES.map((service) => [service, figures(results.filter((result) => result.service === service))])),
    failures: results
      .filter((result) => !isAsExpected(result))
      .slice(0, MAX_LISTED_FAILURES)
      .map(({ service, route, variant, caller, expected, status }) => ({ service, route, variant, caller: caller ?? null, expected, status })),
  };
}
