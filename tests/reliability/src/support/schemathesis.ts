/**
 * Schemathesis, the OpenAPI fuzzer of the suite's HTTP fuzzing (R6): installed from PyPI into a
 * Python virtual environment cached outside the clone, as the local engines are
 * (deploy/local/paths.mts), so a fresh clone (CI) installs it once per machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SCHEMATHESIS_VERSION = '4.32.5';

/** The same cache as the local engines'. */
const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'naperj');
const PYTHON = 'python3';
const OUTPUT_LIMIT = 64 * 1024 * 1024;

/** The checks schemathesis runs on every response (`schemathesis run --checks`). */
export type SchemathesisCheck =
  | 'not_a_server_error'
  | 'status_code_conformance'
  | 'content_type_conformance'
  | 'response_schema_conformance'
  | 'response_headers_conformance'
  | 'negative_data_rejection';

export type SchemathesisPhase = 'examples' | 'coverage' | 'fuzzing';

export interface SchemathesisRun {
  /** Where the service serves its OpenAPI document. */
  schemaUrl: string;
  /** The service's origin, which the document's paths are appended to. */
  baseUrl: string;
  /** A Python file of schemathesis hooks (`SCHEMATHESIS_HOOKS`), e.g. to set each case's token. */
  hooks?: string;
  /** More environment variables, for the hooks. */
  env?: NodeJS.ProcessEnv;
  /** `negative`: only data the document forbids; `all`: valid and invalid data. */
  mode: 'negative' | 'all';
  checks: readonly SchemathesisCheck[];
  phases: readonly SchemathesisPhase[];
  /** Paths of the document left out (`--exclude-path`). */
  excludePaths?: readonly string[];
  /** Cases generated per operation in the fuzzing phase. */
  maxExamples: number;
  seed: number;
  /** Where the JSON report is written (`--report-json-path`). */
  reportFile: string;
}

/** The failures of one kind (one check), as the JSON report groups them. */
export interface SchemathesisFailure {
  /** e.g. `ST101`, a server error; `schemathesis explain <code>` tells more. */
  code: string;
  title: string;
  /** Unique failures of this kind. */
  count: number;
  operations: string[];
}

export interface SchemathesisResult {
  failures: SchemathesisFailure[];
  /** What kept schemathesis from testing an operation at all: a run with one proves nothing. */
  errors: unknown[];
  /** What schemathesis printed: the failing cases, each with the curl command that reproduces it. */
  output: string;
}

/** The failure code of a server error, the one failure that is no schema violation. */
export const SERVER_ERROR = 'ST101';

/** The schemathesis command: the virtual environment's interpreter and entry script, made on first use. */
export async function schemathesisCommand(): Promise<[string, string]> {
  const python = (await run(PYTHON, ['-c', 'import sys; print(sys.implementation.cache_tag)'], { encoding: 'utf8' })).stdout.trim();
  const venv = join(CACHE_DIR, 'python', `schemathesis-${SCHEMATHESIS_VERSION}-${python}`);
  // The entry script's shebang names the folder it was made in; run through the interpreter,
  // it works from the folder it was renamed to.
  const command: [string, string] = [join(venv, 'bin', 'python'), join(venv, 'bin', 'schemathesis')];
  if (existsSync(venv)) return command;
  mkdirSync(join(CACHE_DIR, 'python'), { recursive: true });
  // Made beside its final place and renamed, so an interrupted install leaves nothing half made.
  const draft = `${venv}.tmp-${process.pid}`;
  rmSync(draft, { recursive: true, force: true });
  try {
    await run(PYTHON, ['-m', 'venv', draft]).catch((error: Error) => {
      throw new Error(`${PYTHON} -m venv failed (Debian needs the python3-venv package): ${error.message}`);
    });
    await run(join(draft, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      maxBuffer: OUTPUT_LIMIT,
    });
    if (!existsSync(venv)) renameSync(draft, venv);
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
  return command;
}

/** Runs `schemathesis run` once and reads its JSON report; failing cases do not throw, they are in `failures`. */
export async function runSchemathesis(options: SchemathesisRun): Promise<SchemathesisResult> {
  const [python, script] = await schemathesisCommand();
  rmSync(options.reportFile, { force: true });
  const args = [
    script,
    'run',
    options.schemaUrl,
    '--url',
    options.baseUrl,
    '--mode',
    options.mode,
    '--checks',
    options.checks.join(','),
    '--phases',
    options.phases.join(','),
    ...(options.excludePaths ?? []).flatMap((path) => ['--exclude-path', path]),
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    // The callers' tokens are set by the hooks; the guard's refusals of other tokens are R7's.
    '--generation-with-security-parameters',
    'false',
    // Every case of the budget runs: the figure is cases run, not cases until the first failure.
    '--continue-on-failure',
    '--no-shrink',
    '--generation-database',
    'none',
    '--request-timeout',
    '15',
    '--report',
    'json',
    '--report-json-path',
    options.reportFile,
    '--no-color',
  ];
  // Exit code 1 means failing cases, which the report lists; a missing report is the error.
  const env = { ...process.env, ...options.env, ...(options.hooks ? { SCHEMATHESIS_HOOKS: options.hooks } : {}) };
  // Run beside its report, so whatever else it leaves stays out of the clone's tracked files.
  const output = await run(python, args, { cwd: dirname(options.reportFile), env, encoding: 'utf8', maxBuffer: OUTPUT_LIMIT }).then(
    ({ stdout, stderr }) => stdout + stderr,
    (error: { stdout?: string; stderr?: string; message: string }) => `${error.stdout ?? ''}${error.stderr ?? error.message}`,
  );
  if (!existsSync(options.reportFile)) throw new Error(`schemathesis wrote no report:\n${output}`);
  const report = JSON.parse(readFileSync(options.reportFile, 'utf8')) as JsonReport;
  return {
    failures: report.failures.map(({ code, title, count, operations }) => ({ code, title, count, operations })),
    errors: report.errors,
    output,
  };
}

/** What the suite reads of schemathesis's JSON report (`--report json`). */
interface JsonReport {
  failures: SchemathesisFailure[];
  errors: unknown[];
}
