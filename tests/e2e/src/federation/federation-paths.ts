import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
/** Where the global setup leaves what the suites read: the spans the nodes exported. */
export const E2E_RUN_DIR = join(REPO_ROOT, '.run', 'e2e');
export const SPANS_FILE = join(E2E_RUN_DIR, 'spans.jsonl');
export const START_LOG = join(E2E_RUN_DIR, 'npm-start.log');
/** The pid of the launcher the global setup started. */
export const LAUNCHER_PID_FILE = join(E2E_RUN_DIR, 'launcher.pid');
/** The output of `npm start` run again by the restart suite. */
export const RESTART_LOG = join(E2E_RUN_DIR, 'npm-start-again.log');
