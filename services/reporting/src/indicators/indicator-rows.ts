import { type ActionArea, type CountryCode, SUBMISSION_KINDS, SUBMISSION_STATUSES, type SubmissionKind, type SubmissionStatus } from '@naperj/contracts';
import type { IndicatorTotal } from './indicator.repository';

export interface SdgTargetCount {
  sdgTarget: string;
  count: number;
}

export interface PublishedIndicators {
  total: number;
  byKind: Record<SubmissionKind, number>;
  /** SDG targets in their UN order (3.8 before 10.2 before 10.a); only those counted. */
  bySdgTarget: SdgTargetCount[];
}

/** The indicators of one country in one action area. */
export interface IndicatorRow {
  country: CountryCode;
  actionArea: ActionArea;
  /** Every status of the node's own submissions; null for a partner, whose drafts never leave its node. */
  submissionsByStatus: Record<SubmissionStatus, number> | null;
  published: PublishedIndicators;
}

export interface IndicatorGrid {
  /** The node's own country first, then its partners. */
  countries: readonly CountryCode[];
  actionAreas: readonly ActionArea[];
  ownCountry: CountryCode;
}

/** One row per country × action area of the grid, zeros included, from the counters' totals. */
export function indicatorRows(totals: readonly IndicatorTotal[], { countries, actionAreas, ownCountry }: IndicatorGrid): IndicatorRow[] {
  return countries.flatMap((country) =>
    actionAreas.map((actionArea) => {
      const of = (measure: IndicatorTotal['measure']) =>
        totals.filter((total) => total.country === country && total.actionArea === actionArea && total.measure === measure);
      const byKind = countsOf(SUBMISSION_KINDS, of('kind'));
      return {
        country,
        actionArea,
        submissionsByStatus: country === ownCountry ? countsOf(SUBMISSION_STATUSES, of('status')) : null,
        published: {
          total: Object.values(byKind).reduce((sum, count) => sum + count, 0),
          byKind,
          bySdgTarget: of('sdgTarget')
            .filter(({ count }) => count !== 0)
            .map(({ value, count }) => ({ sdgTarget: value, count }))
            .sort((a, b) => compareSdgTargets(a.sdgTarget, b.sdgTarget)),
        },
      };
    }),
  );
}

/** UN order: by goal, then numbered targets before lettered ones. */
export function compareSdgTargets(a: string, b: string): number {
  const [goalA = '', targetA = ''] = a.split('.');
  const [goalB = '', targetB = ''] = b.split('.');
  if (goalA !== goalB) return Number(goalA) - Number(goalB);
  const numberA = Number(targetA);
  const numberB = Number(targetB);
  if (Number.isInteger(numberA) && Number.isInteger(numberB)) return numberA - numberB;
  if (Number.isInteger(numberA) !== Number.isInteger(numberB)) return Number.isInteger(numberA) ? -1 : 1;
  return targetA.localeCompare(targetB);
}

function countsOf<V extends string>(vocabulary: readonly V[], totals: readonly IndicatorTotal[]): Record<V, number> {
  return Object.fromEntries(vocabulary.map((value) => [value, totals.find((total) => total.value === value)?.count ?? 0])) as Record<V, number>;
}
