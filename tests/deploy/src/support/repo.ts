import { join, resolve } from 'node:path';

/** The repository root: this file lives in tests/deploy/src/support/. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

export function repoPath(...segments: string[]): string {
  return join(REPO_ROOT, ...segments);
}
