import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What every test of the suite writes, beside its own details (support/reliability-results.ts). */
export interface ReliabilityResult {
  test: string;
  commit: string | null;
  measuredAt: string;
  mode: string;
  /** Whether every figure met the guarantee. */
  passed: boolean;
  /** The figures measured, in one sentence. */
  figure: string;
}

/** The suite's tests as the issue orders them, with what each promises. */
export const RELIABILITY_TESTS: readonly { test: string; title: string }[] = [
  { test: 'r1', title: 'R1 broker down 30 s during a steady ingest: 0 lost, 0 5xx' },
  { test: 'r2', title: 'R2 database down 20 s: 503 within 2 s, consumers pause, 0 lost' },
  { test: 'r3', title: 'R3 SIGKILL of each service mid-stream: exact read models after restart' },
  { test: 'r4', title: "R4 one country's MirrorMaker down 60 s: others unaffected, exact convergence" },
  { test: 'r6', title: 'R6 HTTP fuzzing of every service as every role: 0 5xx, 0 schema violations, nothing stored' },
  { test: 'r7', title: 'R7 authorization matrix: every route × role × issuer × token: 0 escapes' },
  { test: 'r8', title: 'R8 sovereignty scan: no private field of mx in us or ca' },
];

/** The results the suite has left in `dir`, by test. */
export function readResults(dir: string): Map<string, ReliabilityResult> {
  if (!existsSync(dir)) return new Map();
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return new Map(
    files.map((name) => {
      const result = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ReliabilityResult;
      return [result.test, result];
    }),
  );
}

/** docs/reliability.md: one row per test, with the latest figures measured and when. */
export function renderReport(results: ReadonlyMap<string, ReliabilityResult>): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = RELIABILITY_TESTS.map(({ test, title }) => {
    const result = results.get(test);
    if (!result) return `| ${cell(title)} | not built yet | — | — | — |`;
    const commit = result.commit ? `\`${result.commit.slice(0, 12)}\`` : 'outside git';
    return `| ${cell(title)} | ${result.passed ? 'pass' : '**FAIL**'} (${result.mode}) | ${cell(result.figure)} | ${commit} | ${result.measuredAt.slice(0, 10)} |`;
  });
  return [
    '# Reliability and security: measured figures',
    '',
    'Written by `npm run test:reliability` (tests/reliability) from the figures each test leaves in',
    '`.run/reliability/`: do not edit by hand. `short` is the mode CI runs; `RELIABILITY_MODE=long`',
    'measures with the full budgets. A row keeps the figures of the last run that measured it.',
    '',
    '| test | result (mode) | figures measured | commit | date |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
