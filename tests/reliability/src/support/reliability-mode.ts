/**
 * How thoroughly the suite measures: `short` (the default, what `.ci/run` runs) or `long`
 * (the figures the issue asks for), from `RELIABILITY_MODE`.
 */
export type ReliabilityMode = 'short' | 'long';

export function reliabilityMode(env: NodeJS.ProcessEnv = process.env): ReliabilityMode {
  const mode = env.RELIABILITY_MODE ?? 'short';
  if (mode !== 'short' && mode !== 'long') throw new Error(`RELIABILITY_MODE must be short or long, not ${mode}`);
  return mode;
}
