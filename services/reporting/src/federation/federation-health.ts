/** Red, amber or green per partner, by the age of its newest heartbeat (now − its `ce_time`). */
export const HEALTH_THRESHOLDS = {
  basis: "the age of the partner's newest heartbeat: now minus its ce_time",
  greenBelowSeconds: 30,
  amberBelowSeconds: 120,
} as const;

/** Replication latency: the median of receive time − `ce_time` over the partner's recent events and heartbeats. */
export const LATENCY_WINDOW = { seconds: 300, maxSamples: 200 } as const;

export type PeerHealth = 'green' | 'amber' | 'red';

/** Green below 30 s (three heartbeats may be late), amber below 120 s, red when older or never seen. */
export function peerHealth(heartbeatAgeSeconds: number | undefined): PeerHealth {
  if (heartbeatAgeSeconds === undefined) return 'red';
  if (heartbeatAgeSeconds < HEALTH_THRESHOLDS.greenBelowSeconds) return 'green';
  if (heartbeatAgeSeconds < HEALTH_THRESHOLDS.amberBelowSeconds) return 'amber';
  return 'red';
}

/** How old a heartbeat sent at `time` is at `now`, in seconds; a clock ahead of ours counts as fresh. */
export function ageSeconds(time: string, now: Date): number {
  return Math.max(0, (now.getTime() - Date.parse(time)) / 1000);
}

/**
 * The time an event claims, but never later than it arrived: a partner's clock ahead of ours,
 * or a heartbeat dated in the future, would otherwise keep the partner green long after it
 * stopped, and hold off every real heartbeat after it.
 */
export function timeAsReceived(time: string, receivedAt: Date): string {
  return Date.parse(time) > receivedAt.getTime() ? receivedAt.toISOString() : time;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
