import type { ActionArea, CountryCode } from '@naperj/contracts';
import type { InsightKey } from './insight-counts';

/** The community insights a country published in one action area: each consultation's latest version. */
export interface InsightIndicatorRow {
  country: CountryCode;
  actionArea: ActionArea;
  insights: number;
  /** Cells of their tables published (at least k contributions each). */
  publishedCells: number;
  /** Cells suppressed (below k, or hidden so that none can be derived). */
  suppressedCells: number;
}

/** One row per country × action area, zeros included. */
export function insightRows(
  totals: readonly (InsightKey & { count: number })[],
  { countries, actionAreas }: { countries: readonly CountryCode[]; actionAreas: readonly ActionArea[] },
): InsightIndicatorRow[] {
  return countries.flatMap((country) =>
    actionAreas.map((actionArea) => {
      const of = (measure: InsightKey['measure']) =>
        totals.find((total) => total.country === country && total.actionArea === actionArea && total.measure === measure)?.count ?? 0;
      return { country, actionArea, insights: of('insights'), publishedCells: of('publishedCells'), suppressedCells: of('suppressedCells') };
    }),
  );
}
