import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './federation-paths';

/**
 * Leaves a reliability test's figures where the reliability suite's report reads them
 * (`.run/reliability/<test>.json`, see tests/reliability): the tests that need the whole
 * federation run here, in the end-to-end phase.
 */
export function writeReliabilityFigures<F extends { passed: boolean; figure: string }>(test: string, figures: F): void {
  const dir = join(REPO_ROOT, '.run', 'reliability');
  mkdirSync(dir, { recursive: true });
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const file = join(dir, `${test}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ test, commit, measuredAt: new Date().toISOString(), mode: 'end-to-end', ...figures }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
