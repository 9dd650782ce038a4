import { ACTION_AREA_LABELS, type ActionArea, type Language, languageName, SUBMISSION_KINDS, SUBMISSION_STATUSES } from '@naperj/contracts';
import type { IndicatorRow } from '../indicators/indicator-rows';
import type { InsightIndicatorRow } from '../insight-indicators/insight-indicators';
import type { ErasureIndicatorRow } from '../network-indicators/erasure-indicators';
import type { ExpertTotal, ExpertIndicators, ExpertIndicatorRow } from '../network-indicators/expert-indicators';
import type { ExchangeIndicatorRow } from '../network-indicators/exchange-indicators';
import type { CsvTable, CsvValue } from './csv';

/** A row of the summary: the indicators of one country × action area, with the area's name in the report's language. */
export interface SummaryRow extends IndicatorRow {
  actionAreaLabel: string;
}

/** A language experts work in, with its name in the report's language. */
export interface LabelledLanguageCount {
  language: string;
  languageLabel: string;
  count: number;
}

export type SummaryExpertTotal = Omit<ExpertTotal, 'byLanguage'> & { byLanguage: LabelledLanguageCount[] };
export type SummaryExpertRow = Omit<ExpertIndicatorRow, 'byLanguage'> & { actionAreaLabel: string; byLanguage: LabelledLanguageCount[] };
export type SummaryInsightRow = InsightIndicatorRow & { actionAreaLabel: string };

/** The indicators beside the submissions': the expert network's and the community insights'. */
export interface NetworkSections {
  experts: ExpertIndicators;
  exchanges: ExchangeIndicatorRow[];
  erasures: ErasureIndicatorRow[];
  insights: InsightIndicatorRow[];
}

export interface SummaryReport {
  /** The node that made the report. */
  node: string;
  generatedAt: string;
  language: Language;
  /** Submissions per country × action area. */
  rows: SummaryRow[];
  experts: { rows: SummaryExpertRow[]; countries: SummaryExpertTotal[] };
  exchanges: ExchangeIndicatorRow[];
  erasures: ErasureIndicatorRow[];
  insights: SummaryInsightRow[];
}

export function summaryReport(node: string, rows: readonly IndicatorRow[], sections: NetworkSections, language: Language, generatedAt: Date): SummaryReport {
  const areaLabel = (actionArea: ActionArea) => ACTION_AREA_LABELS[actionArea][language];
  const languages = ({ byLanguage }: ExpertTotal) =>
    byLanguage.map(({ language: code, count }) => ({ language: code, languageLabel: languageName(code, language), count }));
  return {
    node,
    generatedAt: generatedAt.toISOString(),
    language,
    rows: rows.map((row) => ({ ...row, actionAreaLabel: areaLabel(row.actionArea) })),
    experts: {
      rows: sections.experts.items.map((row) => ({ ...row, actionAreaLabel: areaLabel(row.actionArea), byLanguage: languages(row) })),
      countries: sections.experts.countries.map((count) => ({ ...count, byLanguage: languages(count) })),
    },
    exchanges: sections.exchanges,
    erasures: sections.erasures,
    insights: sections.insights.map((row) => ({ ...row, actionAreaLabel: areaLabel(row.actionArea) })),
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

/** The submissions as spreadsheet rows; partners' status cells stay empty (unknown, not zero). */
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

/** Every action area at once, where experts are counted once each. */
const ALL_ACTION_AREAS_LABELS: Readonly<Record<Language, string>> = {
  en: 'All action areas',
  es: 'Todas las áreas de acción',
  fr: "Tous les domaines d'action",
};

/**
 * The whole summary as CSV tables: the submissions first, as they always were, then one table
 * per section whose first column names the section, so each line says what it counts.
 */
export function summaryCsvTables(report: SummaryReport): CsvTable[] {
  const { language } = report;
  const expertLines = (count: SummaryExpertTotal, actionArea: string, actionAreaLabel: string): CsvValue[][] => [
    ['experts', count.country, actionArea, actionAreaLabel, '', '', count.experts],
    ...count.byLanguage.map(({ language: code, languageLabel, count: speakers }) => [
      'experts',
      count.country,
      actionArea,
      actionAreaLabel,
      code,
      languageLabel,
      speakers,
    ]),
  ];
  return [
    { header: SUMMARY_CSV_HEADER, rows: summaryCsvRows(report) },
    {
      header: ['section', 'country', 'action_area', 'action_area_label', 'language', 'language_label', 'experts'],
      rows: report.experts.countries.flatMap((count) => [
        ...expertLines(count, 'all', ALL_ACTION_AREAS_LABELS[language]),
        ...report.experts.rows.filter((row) => row.country === count.country).flatMap((row) => expertLines(row, row.actionArea, row.actionAreaLabel)),
      ]),
    },
    {
      header: ['section', 'country', 'total', 'open', 'closed', 'answered', 'median_seconds_to_first_answer'],
      rows: report.exchanges.map((row) => ['exchanges', row.country, row.total, row.open, row.closed, row.answered, row.medianSecondsToFirstAnswer]),
    },
    {
      header: ['section', 'country', 'partner', 'withdrawals', 'receipts', 'pending', 'median_seconds_to_receipt'],
      rows: report.erasures.flatMap((row) =>
        row.partners.map((partner) => [
          'erasures',
          row.country,
          partner.country,
          row.withdrawals,
          partner.receipts,
          partner.pending,
          partner.medianSecondsToReceipt,
        ]),
      ),
    },
    {
      header: ['section', 'country', 'action_area', 'action_area_label', 'insights', 'published_cells', 'suppressed_cells'],
      rows: report.insights.map((row) => ['insights', row.country, row.actionArea, row.actionAreaLabel, row.insights, row.publishedCells, row.suppressedCells]),
    },
  ];
}
