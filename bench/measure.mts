/** What every benchmark shares: repeated rounds, medians, ratios, and a JSON result file. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What is measured is built from the work tree, which may hold changes not yet committed. */
const COMMIT = execFileSync('git', ['describe', '--always', '--dirty'], { cwd: import.meta.dirname, encoding: 'utf8' }).trim();

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

/** What `probe` finds, asked every `pollMs` until it finds something; throws, naming `what`, after `timeoutMs`. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, pollMs: number): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(pollMs)) {
    const found = await probe();
    if (found !== undefined) return found;
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

export const ratePerSecond = ({ count, ms }: Sample): number => (count * 1000) / ms;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Database commands by `<command> <collection>`, as a process counts them (naperj_database_commands_total, or a monitored client). */
export type CommandCounts = Map<string, number>;

/** The naperj_database_commands_total samples of a /metrics text. */
export function databaseCommandsOf(metrics: string): CommandCounts {
  const counts: CommandCounts = new Map();
  for (const [, labels, value] of metrics.matchAll(/^naperj_database_commands_total\{([^}]*)\} (\S+)$/gm)) {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels!)?.[1] ?? '';
    counts.set(`${label('command')} ${label('collection')}`.trim(), Number(value));
  }
  return counts;
}

/** Commands per item between two counts, largest first, to three decimals (a batch's command is a fraction of an item's); `total` first. */
export function commandsPerItem(before: CommandCounts, after: CommandCounts, items: number): Record<string, number> {
  const per = [...after]
    .map(([key, value]) => [key, (value - (before.get(key) ?? 0)) / items] as const)
    .filter(([, value]) => value > 0)
    .sort(([, a], [, b]) => b - a);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  const total = round3(per.reduce((sum, [, value]) => sum + value, 0));
  return Object.fromEntries<number>([['total', total], ...per.map(([key, value]): [string, number] => [key, round3(value)])]);
}

/**
 * Prints and writes bench/results/<bench>-<time>.json, and bench/results/<bench>.md, the latest
 * run as a table; returns the JSON's path. `commands` are the database commands per item of
 * each series that counted them.
 */
export function report(
  bench: string,
  parameters: Record<string, unknown>,
  series: Series[],
  ratios: Record<string, number>,
  commands: Record<string, Record<string, number>> = {},
): string {
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
  for (const [name, counts] of Object.entries(commands)) console.log(`database commands per item, ${name}: ${JSON.stringify(counts)}`);
  const at = new Date().toISOString();
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${bench}-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ bench, at, node: process.version, parameters, series: summary, ratios, databaseCommandsPerItem: commands }, null, 2)}\n`,
  );
  writeFileSync(join(dir, `${bench}.md`), table(bench, at, parameters, summary, ratios, commands));
  console.log(`\nwritten to ${file} and ${bench}.md`);
  return file;
}

function table(
  bench: string,
  at: string,
  parameters: Record<string, unknown>,
  summary: { name: string; medianPerSecond: number; medianMs: number; medianP50Ms?: number; medianP99Ms?: number }[],
  ratios: Record<string, number>,
  commands: Record<string, Record<string, number>>,
): string {
  const latency = (ms: number | undefined) => (ms === undefined ? '–' : `${ms} ms`);
  const lines = [
    `# Bench \`${bench}\`, ${at.slice(0, 10)}`,
    '',
    `Written by \`npm run bench -- ${bench}\`; commit ${COMMIT}. Parameters: ${Object.entries(parameters)
      .map(([name, value]) => `${name} ${String(value)}`)
      .join(', ')}.`,
    '',
    '| series | median per second | median round | p50 | p99 |',
    '| --- | --- | --- | --- | --- |',
    ...summary.map(
      ({ name, medianPerSecond, medianMs, medianP50Ms, medianP99Ms }) =>
        `| ${name} | ${medianPerSecond} | ${(medianMs / 1000).toFixed(1)} s | ${latency(medianP50Ms)} | ${latency(medianP99Ms)} |`,
    ),
    '',
    '| ratio | value |',
    '| --- | --- |',
    ...Object.entries(ratios).map(([name, ratio]) => `| ${name} | ${ratio.toFixed(3)} |`),
  ];
  for (const [name, counts] of Object.entries(commands)) {
    lines.push('', `Database commands per item, ${name}:`, '', '| command and collection | per item |', '| --- | --- |');
    lines.push(...Object.entries(counts).map(([key, value]) => `| ${key} | ${value} |`));
  }
  return `${lines.join('\n')}\n`;
}
