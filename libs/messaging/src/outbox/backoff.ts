export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 5000 };

/** The pause after the `failures`-th failure in a row (1-based): doubling from `initialMs`, capped at `maxMs`. */
export function backoffDelay(failures: number, { initialMs, maxMs }: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures < 1) return 0;
  return Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 30));
}
