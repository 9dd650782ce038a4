import type { ActionArea, CountryCode, SharedSubmissionData, SubmissionKind, SubmissionStatus } from '@naperj/contracts';
import type { CounterChange } from '@naperj/messaging';

/** What a count is of: submissions by status (own node), published ones by kind or by SDG target. */
export type IndicatorMeasure = 'status' | 'kind' | 'sdgTarget';

/** One counter of the indicators: field names without dots; the value may hold one ("10.2"). */
export type IndicatorKey = {
  country: CountryCode;
  actionArea: ActionArea;
  measure: IndicatorMeasure;
  value: string;
};

/** What an own submission's state says, as far as counting goes. */
export interface OwnSubmissionFacts {
  country: CountryCode;
  actionAreas: readonly ActionArea[];
  status: SubmissionStatus;
  kind?: SubmissionKind;
  sdgTargets?: readonly string[];
}

/**
 * The counters an own submission adds 1 to: its status in each of its action areas and,
 * once published, its kind and each SDG target in each action area.
 */
export function ownSubmissionCounts({ country, actionAreas, status, kind, sdgTargets }: OwnSubmissionFacts): IndicatorKey[] {
  const counts = actionAreas.map((actionArea): IndicatorKey => ({ country, actionArea, measure: 'status', value: status }));
  return status === 'published' && kind ? [...counts, ...publishedCounts(country, actionAreas, kind, sdgTargets ?? [])] : counts;
}

/** A partner's published submission counts by kind and SDG target; its drafts never reach us. */
export function peerSubmissionCounts(
  country: CountryCode,
  { actionAreas, kind, sdgTargets }: Pick<SharedSubmissionData, 'actionAreas' | 'kind' | 'sdgTargets'>,
): IndicatorKey[] {
  return publishedCounts(country, actionAreas, kind, sdgTargets ?? []);
}

/** How the counters move when a submission goes from counting for `before` to counting for `after`. */
export function countChanges(before: readonly IndicatorKey[], after: readonly IndicatorKey[]): CounterChange<IndicatorKey>[] {
  return [...before.map((key) => ({ key, delta: -1 })), ...after.map((key) => ({ key, delta: 1 }))];
}

function publishedCounts(country: CountryCode, actionAreas: readonly ActionArea[], kind: SubmissionKind, sdgTargets: readonly string[]): IndicatorKey[] {
  return actionAreas.flatMap((actionArea): IndicatorKey[] => [
    { country, actionArea, measure: 'kind', value: kind },
    ...sdgTargets.map((target): IndicatorKey => ({ country, actionArea, measure: 'sdgTarget', value: target })),
  ]);
}
