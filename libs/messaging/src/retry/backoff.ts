/** Exponential backoff: the one schedule of every retry loop in naperj. */
export interface BackoffPolicy {
  /** The pause after the first failure; each later pause doubles. */
  initialMs: number;
  /** No pause is longer than this. */
  maxMs: number;
}

/** Bounded retries: a backoff and how many tries in all. */
export interface RetryPolicy extends BackoffPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 5000 };

/** A failing event handler is tried 5 times, about 3 s in all, before its event is dead-lettered. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialMs: 200, maxMs: 5000 };

/** The pause after the `failures`-th failure in a row (1-based): doubling from `initialMs`, capped at `maxMs`. */
export function backoffDelay(failures: number, { initialMs, maxMs }: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures < 1) return 0;
  // Capping the exponent keeps the power finite however long an outage lasts.
  return Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 30));
}

/** Whether another try follows the `failures`-th failure. */
export function retriesLeft(failures: number, { attempts }: RetryPolicy): boolean {
  return failures < attempts;
}
