import { ACTION_AREA_LABELS, type Language, SUBMISSION_KINDS, SUBMISSION_STATUSES } from '@naperj/contracts';
import type { IndicatorRow } from '../indicators/indicator-rows';
import type { CsvValue } from './csv';

/** A row of the summary: the indicators of one country × action area, with the area's name in the report's language. */
export interface SummaryRow extends IndicatorRow {
  actionAreaLabel: string;
}

export interface SummaryReport {
  /** The node that made the report. */
  node: string;
  generatedAt: string;
  language: Language;
  rows: SummaryRow[];
}

export function summaryReport(node: string, rows: readonly IndicatorRow[], language: Language, generatedAt: Date): SummaryReport {
  return {
    node,
    generatedAt: generatedAt.toISOString(),
    language,
    rows: rows.map((row) => ({ ...row, actionAreaLabel: ACTION_AREA_LABELS[row.actionArea][language] })),
  };
}

const column = (prefix: string, value: string) => `${prefix}_${value.replace(/-/g, '_')}`;

/** The CSV columns: stable snake_case codes, whatever the label language. */
export const SUMMARY_CSV_HEADER: readonly string[] = [
  'country',
  'action_area',
  'action_area_label',
  ...SUBMISSION_STATUSES.map((status) => column('status', status)),
  'published_total',
  ...SUBMISSION_KINDS.map((kind) => column('published', kind)),
  'published_sdg_targets',
];

/** The summary as spreadsheet rows; partners' status cells stay empty (unknown, not zero). */
export function summaryCsvRows({ rows }: SummaryReport): CsvValue[][] {
  return rows.map(({ country, actionArea, actionAreaLabel, submissionsByStatus, published }) => [
    country,
    actionArea,
    actionAreaLabel,
    ...SUBMISSION_STATUSES.map((status) => submissionsByStatus?.[status] ?? null),
    published.total,
    ...SUBMISSION_KINDS.map((kind) => published.byKind[kind]),
    published.bySdgTarget.map(({ sdgTarget, count }) => `${sdgTarget}: ${count}`).join('; '),
  ]);
}
