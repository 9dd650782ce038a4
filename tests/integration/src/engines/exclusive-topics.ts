import { lock } from 'proper-lockfile';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Long enough for every other suite of the same topics to run first: they take well under a minute each. */
export const EXCLUSIVE_TOPICS_WAIT_MS = 5 * 60_000;

const held = new Map<string, { count: number; release: Promise<() => Promise<void>> }>();

/**
 * Holds `name` (a set of topics whose totals a suite asserts exactly) against every other
 * jest worker until the returned function is called. A worker that crashes loses the lock
 * once its file goes stale. Several holders in one test file share the one lock.
 */
export async function holdExclusiveTopics(name: string): Promise<() => Promise<void>> {
  const entry = held.get(name) ?? {
    count: 0,
    release: lock(join(tmpdir(), `naperj-tests-${name}`), {
      realpath: false,
      stale: 20_000,
      update: 5_000,
      retries: { retries: EXCLUSIVE_TOPICS_WAIT_MS / 1_000, minTimeout: 1_000, maxTimeout: 1_000, factor: 1 },
    }),
  };
  held.set(name, entry);
  entry.count += 1;
  const release = await entry.release;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    entry.count -= 1;
    if (entry.count > 0) return;
    held.delete(name);
    await release();
  };
}
