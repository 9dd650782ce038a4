import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults, renderReport } from '../report/reliability-report';
import { reliabilityMode } from './reliability-mode';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Where each test of the suite leaves its figures, for the report that docs/reliability.md is generated from. */
export const RESULTS_DIR = join(REPO_ROOT, '.run', 'reliability');
const REPORT = join(REPO_ROOT, 'docs', 'reliability.md');

/** What a test's figures say, for the report's row; the details follow. */
export interface ResultSummary {
  /** Whether every figure met the guarantee. */
  passed: boolean;
  /** The figures measured, in one sentence. */
  figure: string;
}

/**
 * Writes `<RESULTS_DIR>/<test>.json`, the figures stamped with the mode, the commit and the time
 * they were measured at, then docs/reliability.md from every result there.
 */
export function writeResult<F extends ResultSummary>(test: string, figures: F): string {
  const file = join(RESULTS_DIR, `${test}.json`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = { test, commit: currentCommit(), measuredAt: new Date().toISOString(), mode: reliabilityMode() };
  // Renamed into place: another test's worker may be reading every result for the report.
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ ...stamp, ...figures }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  writeFileSync(REPORT, renderReport(readResults(RESULTS_DIR)));
  return file;
}

/** The commit under test; null outside a git work tree. */
function currentCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
