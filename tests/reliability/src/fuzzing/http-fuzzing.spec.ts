import { type CountryCode, type Role, ROLES, type ServiceName } from '@naperj/contracts';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallerTokens } from '../authorization/caller-tokens';
import { APP_MODULES, SERVICES } from '../support/app-modules';
import { ENGINES_COUNTRY, InProcessService } from '../support/in-process-service';
import { reliabilityMode } from '../support/reliability-mode';
import { RESULTS_DIR, writeResult } from '../support/reliability-results';
import {
  runSchemathesis,
  SCHEMATHESIS_VERSION,
  type SchemathesisCheck,
  schemathesisCommand,
  type SchemathesisPhase,
  type SchemathesisResult,
  SERVER_ERROR,
} from '../support/schemathesis';

const NODE: CountryCode = ENGINES_COUNTRY;
const PARTNER: CountryCode = 'ca';

const SERVICE_ENV = {
  // Thousands of writes from one caller: a 429 would hide what the route answers.
  RATE_LIMIT_WRITES_PER_MINUTE: '999999',
  PUBLIC_WRITES_PER_MINUTE: '10000',
  // The jobs' own writes would pass for something a rejected request stored.
  CONSULTATION_SCHEDULE_INTERVAL_MS: '3600000',
  RETENTION_SWEEP_INTERVAL_MS: '86400000',
};

/**
 * Every response is checked against the document: no 5xx, a documented status, content type,
 * headers and body. `positive_data_acceptance` is left out: valid data names ids that do not
 * exist and versions that are not current, so a documented 404, 409 or 412 is the right answer.
 */
const CHECKS: readonly SchemathesisCheck[] = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
];
/** Data the document forbids must be refused, which the database then shows as nothing stored. */
const NEGATIVE_CHECKS: readonly SchemathesisCheck[] = [...CHECKS, 'negative_data_rejection'];

interface Budget {
  /** The phases of the run of any data; the run of invalid data leaves out `examples`, the document's valid examples. */
  phases: readonly SchemathesisPhase[];
  /** Cases per operation of each run's fuzzing phase. */
  maxExamples: number;
  /** Cases each role must have sent to each service, invalid data and any data together. */
  minimumCases: number;
}

/** Cases every service must answer at the least (the figure), spread over the roles. */
const CASES_PER_SERVICE = 1000;

/**
 * `short` fits CI: random cases, valid and invalid, a few per operation in each run, until the
 * service has answered a thousand. `long` adds the coverage phase (every documented enum value,
 * boundary and missing or null member) and random cases until each role alone has sent a
 * thousand to each service.
 */
const BUDGETS: Record<'short' | 'long', Budget> = {
  short: { phases: ['examples', 'fuzzing'], maxExamples: 20, minimumCases: Math.ceil(CASES_PER_SERVICE / ROLES.length) },
  long: { phases: ['examples', 'coverage', 'fuzzing'], maxExamples: 1000, minimumCases: 1000 },
};
const MODE = reliabilityMode();
const BUDGET = BUDGETS[MODE];
/**
 * An event stream's body never ends, so no case of it could be checked whole: its refusals
 * are in the authorization matrix (R7), its events in the integration tests.
 */
const EXCLUDED_PATHS = ['/api/v1/stream'];
/** Runs of any data after the one of invalid data, each with a new seed, before a role short of cases fails the test. */
const MAX_RUNS = 30;
/** Replays a failure CI reported: every run of this process takes the seed its message names. */
const FIXED_SEED = fixedSeed(process.env.R6_SEED);

const HOOKS = join(__dirname, 'caller-rotation.hooks.py');
/** Written on a timer whatever the requests: the outbox relays' and the jobs' leases. */
const TIMER_COLLECTIONS = /_leases$/;
const SETTLE_POLL_MS = 1000;
const SETTLE_TIMEOUT_MS = 30_000;
const OUTPUT_DIR = join(RESULTS_DIR, 'r6');

/** One case as the hooks log it. */
interface CaseLine {
  role: Role;
  operation: string;
  status: number;
  requestId: string;
}

interface FuzzRun {
  service: ServiceName;
  mode: 'negative' | 'all';
  seed: number;
  result: SchemathesisResult;
  cases: CaseLine[];
}

interface Stored {
  before: Record<string, number>;
  after: Record<string, number>;
}

describe(`HTTP fuzzing (R6, ${MODE} mode): every service from its OpenAPI document, as every role, node mx on the real engines`, () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-reliability-'));
  const services = new Map(
    SERVICES.map((service) => [service, new InProcessService({ service, appModule: APP_MODULES[service], secretsDir, env: SERVICE_ENV })]),
  );
  const runs: FuzzRun[] = [];
  const stored = new Map<ServiceName, Stored>();
  let callers: string;

  beforeAll(async () => {
    // The issuer keys first: the services trust the node's key they find in the secrets folder.
    const tokens = await CallerTokens.create(secretsDir, NODE, PARTNER);
    callers = JSON.stringify(
      await Promise.all(ROLES.map(async (role) => ({ role, authorization: await tokens.authorization('valid', { role, country: NODE }) }))),
    );
    await schemathesisCommand();
    for (const service of services.values()) await service.start();
    rmSync(OUTPUT_DIR, { recursive: true, force: true });
    mkdirSync(OUTPUT_DIR, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.close()));
    // The figures stand for the whole run only, not for a run filtered to some of it.
    if (SERVICES.every((service) => runs.some((run) => run.service === service && run.mode === 'all'))) writeResult('r6', summaryOf(runs, stored));
  }, 60_000);

  async function fuzz(service: InProcessService, mode: FuzzRun['mode']): Promise<FuzzRun> {
    const seed = FIXED_SEED ?? randomInt(2 ** 31);
    const name = `${service.service}-${mode}-${seed}`;
    const log = join(OUTPUT_DIR, `${name}.cases.jsonl`);
    const result = await runSchemathesis({
      schemaUrl: `${service.baseUrl}/api/docs-json`,
      baseUrl: service.baseUrl,
      hooks: HOOKS,
      env: { NAPERJ_FUZZ_CALLERS: callers, NAPERJ_FUZZ_LOG: log },
      mode,
      checks: mode === 'negative' ? NEGATIVE_CHECKS : CHECKS,
      phases: mode === 'negative' ? BUDGET.phases.filter((phase) => phase !== 'examples') : BUDGET.phases,
      excludePaths: EXCLUDED_PATHS,
      maxExamples: BUDGET.maxExamples,
      seed,
      reportFile: join(OUTPUT_DIR, `${name}.json`),
    });
    // Each failing case with the curl command that reproduces it, for whoever reads a failure.
    writeFileSync(join(OUTPUT_DIR, `${name}.txt`), result.output);
    const cases = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as CaseLine)
      : [];
    const run: FuzzRun = { service: service.service, mode, seed, result, cases };
    runs.push(run);
    return run;
  }

  describe.each(SERVICES)('%s', (name) => {
    it('stores nothing for requests of data the document forbids, whoever sends them', async () => {
      const service = services.get(name)!;
      const before = await settledCounts(service);
      const negative = await fuzz(service, 'negative');
      const after = await storedCounts(service);
      stored.set(name, { before, after });
      expect(problemsOf(negative)).toEqual([]);
      expect(after).toEqual(before);
    }, 1_800_000);

    it(`answers every case of every role without a 5xx and as documented, at least ${BUDGET.minimumCases} cases per role`, async () => {
      const service = services.get(name)!;
      const ofService = () => runs.filter((run) => run.service === name);
      const shortOfCases = () => ROLES.filter((role) => casesOf(ofService(), role).length < BUDGET.minimumCases);
      for (let count = 0; count === 0 || (shortOfCases().length > 0 && count < MAX_RUNS); count++) await fuzz(service, 'all');
      expect(
        ofService()
          .filter((run) => run.mode === 'all')
          .flatMap(problemsOf),
      ).toEqual([]);
      expect(casesOf(ofService()).filter(({ status }) => status >= 500)).toEqual([]);
      expect(shortOfCases()).toEqual([]);
    }, 3_600_000);
  });
});

function fixedSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`R6_SEED must be a seed a failure named, not ${value}`);
  return Number(value);
}

/** The documents a request could have stored, by collection. */
async function storedCounts(service: InProcessService): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await service.documentCounts()).filter(([collection]) => !TIMER_COLLECTIONS.test(collection)));
}

/** The counts once two reads a poll apart agree: the consumers have caught up with what the topics held. */
async function settledCounts(service: InProcessService): Promise<Record<string, number>> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let counts = await storedCounts(service);
  for (;;) {
    await sleep(SETTLE_POLL_MS);
    const next = await storedCounts(service);
    if (JSON.stringify(next) === JSON.stringify(counts) || Date.now() > deadline) return next;
    counts = next;
  }
}

/** A run's failures and errors, one line each, naming where the cases that reproduce them are. */
function problemsOf({ service, mode, seed, result }: FuzzRun): string[] {
  const where = `${service}, ${mode} data, seed ${seed} (see .run/reliability/r6/${service}-${mode}-${seed}.txt)`;
  return [
    ...result.failures.map(({ code, title, count, operations }) => `${where}: ${code} ${title} ×${count} on ${operations.join(', ')}`),
    ...result.errors.map((error) => `${where}: error ${JSON.stringify(error)}`),
  ];
}

function casesOf(runs: readonly FuzzRun[], role?: Role): CaseLine[] {
  return runs.flatMap(({ cases }) => (role ? cases.filter((line) => line.role === role) : cases));
}

/** Unique failures by check, e.g. `ST108 Response violates schema`. */
function failuresByCheck(runs: readonly FuzzRun[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { code, title, count } of runs.flatMap(({ result }) => result.failures)) counts[`${code} ${title}`] = (counts[`${code} ${title}`] ?? 0) + count;
  return counts;
}

/** The figures of the run, for docs/reliability.md. */
function summaryOf(runs: readonly FuzzRun[], stored: ReadonlyMap<ServiceName, Stored>) {
  const figures = (of: readonly FuzzRun[]) => {
    const failures = of.flatMap(({ result }) => result.failures);
    return {
      cases: casesOf(of).length,
      responses5xx: casesOf(of).filter(({ status }) => status >= 500).length,
      serverErrors: failures.filter(({ code }) => code === SERVER_ERROR).reduce((total, { count }) => total + count, 0),
      schemaViolations: failures.filter(({ code }) => code !== SERVER_ERROR).reduce((total, { count }) => total + count, 0),
      errors: of.reduce((total, { result }) => total + result.errors.length, 0),
      failuresByCheck: failuresByCheck(of),
    };
  };
  const all = figures(runs);
  const storedBy = (service: ServiceName) => {
    const counts = stored.get(service);
    return counts ? Object.keys({ ...counts.before, ...counts.after }).filter((collection) => counts.before[collection] !== counts.after[collection]) : null;
  };
  const fewestCases = Math.min(
    ...SERVICES.flatMap((service) =>
      ROLES.map(
        (role) =>
          casesOf(
            runs.filter((run) => run.service === service),
            role,
          ).length,
      ),
    ),
  );
  const changed = SERVICES.flatMap((service) => (storedBy(service) ?? []).map((collection) => `${service}.${collection}`));
  return {
    passed:
      all.responses5xx === 0 &&
      all.serverErrors === 0 &&
      all.schemaViolations === 0 &&
      all.errors === 0 &&
      changed.length === 0 &&
      fewestCases >= BUDGET.minimumCases,
    figure:
      `${all.cases} cases, at least ${fewestCases} per role and service: ${all.responses5xx} 5xx, ` +
      `${all.schemaViolations} answers against the document, ${changed.length} collections changed by rejected requests`,
    title: 'HTTP fuzzing: every service from its OpenAPI document, as every role',
    schemathesis: SCHEMATHESIS_VERSION,
    phases: BUDGET.phases,
    checks: { all: CHECKS, negative: NEGATIVE_CHECKS },
    minimumCasesPerRole: BUDGET.minimumCases,
    ...all,
    services: Object.fromEntries(
      SERVICES.map((service) => {
        const of = runs.filter((run) => run.service === service);
        return [
          service,
          {
            ...figures(of),
            // Collections whose documents changed while only invalid data was sent.
            storedByRejectedRequests: storedBy(service),
            casesPerRole: Object.fromEntries(ROLES.map((role) => [role, casesOf(of, role).length])),
            runs: of.map(({ mode, seed, cases }) => ({ mode, seed, cases: cases.length })),
          },
        ];
      }),
    ),
  };
}
