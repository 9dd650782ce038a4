import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Where each test of the suite leaves its figures, for the report that docs/reliability.md is generated from. */
export const RESULTS_DIR = join(REPO_ROOT, '.run', 'reliability');

/** Writes `<RESULTS_DIR>/<test>.json`: the figures, stamped with the commit and the time they were measured at. */
export function writeResult(test: string, figures: object): string {
  const file = join(RESULTS_DIR, `${test}.json`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ test, commit: currentCommit(), measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
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
