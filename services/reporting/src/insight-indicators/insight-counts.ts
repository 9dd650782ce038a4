import type { ActionArea, CountryCode, InsightData } from '@naperj/contracts';

/**
 * One counter of the insight indicators: insights published, and the cells of their tables
 * that were published or suppressed. Only counts of insights and cells, never a count of
 * contributions: nothing below k can be read from them.
 */
export type InsightKey = {
  country: CountryCode;
  actionArea: ActionArea;
  measure: 'insights' | 'publishedCells' | 'suppressedCells';
};

/**
 * The counters an insight's latest version adds 1 to, under `country` (its origin): once in
 * each of its action areas, and once per cell of its theme × action-area table, published or
 * suppressed. Only the suppression flags are read, never a count.
 */
export function insightCounts(country: CountryCode, { actionAreas, cells }: Pick<InsightData, 'actionAreas' | 'cells'>): InsightKey[] {
  return [
    ...[...new Set(actionAreas)].map((actionArea): InsightKey => ({ country, actionArea, measure: 'insights' })),
    ...cells.map(({ actionArea, suppressed }): InsightKey => ({ country, actionArea, measure: suppressed ? 'suppressedCells' : 'publishedCells' })),
  ];
}
