/** What every benchmark shares: repeated rounds, medians, ratios, and a JSON result file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  /** Items processed in the round. */
  count: number;
  ms: number;
  /** Per-request latency percentiles of the round, for benchmarks that time each request. */
  latency?: { p50: number; p99: number };
}

export interface Series {
  name: string;
  samples: Sample[];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Nearest-rank percentile (0 < p ≤ 100): a value that was actually observed. */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export const ratePerSecond = ({ count, ms }: Sample): number => (count * 1000) / ms;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Prints and writes bench/results/<bench>-<time>.json; returns its path. */
export function report(bench: string, parameters: Record<string, unknown>, series: Series[], ratios: Record<string, number>): string {
  const summary = series.map(({ name, samples }) => {
    const latencies = samples.flatMap((s) => (s.latency ? [s.latency] : []));
    return {
      name,
      medianPerSecond: Math.round(median(samples.map(ratePerSecond))),
      medianMs: Math.round(median(samples.map((s) => s.ms))),
      ...(latencies.length > 0 && {
        medianP50Ms: round2(median(latencies.map((l) => l.p50))),
        medianP99Ms: round2(median(latencies.map((l) => l.p99))),
      }),
      samples,
    };
  });
  for (const s of summary) {
    const latency = s.medianP50Ms === undefined ? '' : `  p50 ${s.medianP50Ms} ms  p99 ${s.medianP99Ms} ms`;
    console.log(`${s.name.padEnd(32)} median ${String(s.medianPerSecond).padStart(8)} /s  (${s.medianMs} ms per round)${latency}`);
  }
  for (const [name, ratio] of Object.entries(ratios)) console.log(`${name.padEnd(32)} ${ratio.toFixed(3)}`);
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${bench}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ bench, at: new Date().toISOString(), node: process.version, parameters, series: summary, ratios }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
  return file;
}
