/** What every benchmark shares: repeated rounds, medians, ratios, and a JSON result file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  /** Items processed in the round. */
  count: number;
  ms: number;
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

export const ratePerSecond = ({ count, ms }: Sample): number => (count * 1000) / ms;

/** Prints and writes bench/results/<bench>-<time>.json; returns its path. */
export function report(bench: string, parameters: Record<string, unknown>, series: Series[], ratios: Record<string, number>): string {
  const summary = series.map(({ name, samples }) => ({
    name,
    medianPerSecond: Math.round(median(samples.map(ratePerSecond))),
    medianMs: Math.round(median(samples.map((s) => s.ms))),
    samples,
  }));
  for (const s of summary) console.log(`${s.name.padEnd(28)} median ${String(s.medianPerSecond).padStart(8)} /s  (${s.medianMs} ms per round)`);
  for (const [name, ratio] of Object.entries(ratios)) console.log(`${name.padEnd(28)} ${ratio.toFixed(3)}`);
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${bench}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ bench, at: new Date().toISOString(), node: process.version, parameters, series: summary, ratios }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
  return file;
}
