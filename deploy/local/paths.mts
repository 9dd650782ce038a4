import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root: this file lives in deploy/local/. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Data, logs and pid files of local runs: inside the clone, git-ignored. */
export const RUN_DIR = join(REPO_ROOT, '.run');
export const LOG_DIR = join(RUN_DIR, 'logs');
export const PID_DIR = join(RUN_DIR, 'pids');
export const dataDir = (country: string, engine: string): string => join(RUN_DIR, 'data', country, engine);

/**
 * Downloaded jars and built binaries: outside the clone, so a fresh clone (CI) reuses them.
 */
export const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'naperj');
