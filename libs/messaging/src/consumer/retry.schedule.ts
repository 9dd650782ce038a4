/** Bounded retries of a failing handler, with exponential backoff between tries. */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  /** The pause after the first failure; each later pause doubles. */
  initialDelayMs: number;
  /** No pause is longer than this. */
  maxDelayMs: number;
}

/** 5 tries pausing 200, 400, 800 and 1600 ms: about 3 s before the DLQ. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5000 };

/** The pause after the `failures`-th failure in a row (1-based). */
export function retryDelayMs(failures: number, { initialDelayMs, maxDelayMs }: RetryPolicy): number {
  // Capping the exponent keeps the power finite however long an outage lasts.
  return Math.min(initialDelayMs * 2 ** Math.min(failures - 1, 30), maxDelayMs);
}

/** Whether another try follows the `failures`-th failure. */
export function retriesLeft(failures: number, { attempts }: RetryPolicy): boolean {
  return failures < attempts;
}
