import type { ActionArea } from '@naperj/contracts';
import type { IndicatorRow } from '@naperj/reporting/indicators/indicator-rows';
import { ENGINES_COUNTRY } from './in-process-service';

/**
 * The reporting database the outage tests share, kept from one run to the next: its read
 * models resume where they committed, instead of counting the submissions topic's whole
 * history at each test's start.
 */
export const KEPT_REPORTING_DATABASE = 'naperj_reliability_reporting';

/** The node's drafts in one action area, as a reporting service counts them; undefined while it does not answer. */
export async function draftsCounted(reportingUrl: string, authorization: string, actionArea: ActionArea): Promise<number | undefined> {
  const url = `${reportingUrl}/api/v1/indicators?country=${ENGINES_COUNTRY}&actionArea=${actionArea}`;
  const response = await fetch(url, { headers: { authorization } }).catch(() => undefined);
  if (!response?.ok) return undefined;
  const { items } = (await response.json()) as { items: IndicatorRow[] };
  return items.reduce((total, row) => total + (row.submissionsByStatus?.draft ?? 0), 0);
}
