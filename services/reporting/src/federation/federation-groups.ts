/**
 * The consumer groups of the federation's telemetry, started on demand under the database's
 * installation id (`<cc>.reporting.federation-<installation>`), so a new database never takes
 * over another database's offsets. They measure from the database's first start on: a new
 * group starts at the end of its topics, since replaying a day of heartbeats would only
 * record replay times as latencies.
 */
export const FEDERATION_TELEMETRY = { group: 'federation', from: 'shared', start: 'on-demand' } as const;
export const DEAD_LETTERS = { group: 'dead-letters', from: 'dead-letters', start: 'on-demand' } as const;
