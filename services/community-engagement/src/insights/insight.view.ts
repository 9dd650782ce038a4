import type { ActionArea, ConsultationTheme, CountryCode, InsightData, Language, TrilingualTitle } from '@naperj/contracts';
import { createHash } from 'node:crypto';
import { type PublishedHistory, positionKey, type SuppressedTally } from './insight.suppression';

/** What an insight repeats of its consultation. */
export interface InsightConsultation {
  id: string;
  title: TrilingualTitle;
  originalLanguage: Language;
  actionAreas: ActionArea[];
  themes: ConsultationTheme[];
  closedAt?: string;
}

/**
 * The insight's id: one per consultation, the same on every replica without asking anyone.
 * It cannot be the consultation's own id, whose events share the event store's versions; it
 * keeps the consultation's time prefix, so it is a UUIDv7 that sorts with it.
 */
export function insightIdOf(consultationId: string): string {
  const hash = createHash('sha256').update(`naperj-insight:${consultationId}`).digest('hex');
  const time = consultationId.replaceAll('-', '').slice(0, 12);
  const variant = ((parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}

export interface InsightVersion {
  country: CountryCode;
  version: number;
  computedAt: string;
}

/** The published insight: the suppressed tally laid out over the consultation's themes and action areas. */
export function insightOf(consultation: InsightConsultation, table: SuppressedTally, { country, version, computedAt }: InsightVersion): InsightData {
  const count = (value: number | null) => ({ count: value, suppressed: value === null });
  return {
    id: insightIdOf(consultation.id),
    country,
    version,
    consultationId: consultation.id,
    title: consultation.title,
    originalLanguage: consultation.originalLanguage,
    actionAreas: consultation.actionAreas,
    ...(consultation.closedAt ? { closedAt: consultation.closedAt } : {}),
    themes: consultation.themes.map(({ key, label }, row) => ({ key, label, ...count(table.rows[row]!) })),
    actionAreaCounts: consultation.actionAreas.map((actionArea, column) => ({ actionArea, ...count(table.columns[column]!) })),
    cells: consultation.themes.flatMap(({ key }, row) =>
      consultation.actionAreas.map((actionArea, column) => ({ theme: key, actionArea, ...count(table.cells[row]![column]!) })),
    ),
    total: count(table.total),
    computedAt,
  };
}

/** Every value the versions published, by position: what a new version must not come within k of. */
export function publishedHistory(versions: readonly InsightData[]): PublishedHistory {
  const history = new Map<string, number[]>();
  const add = (key: string, count: number | null) => {
    if (count !== null) history.set(key, [...(history.get(key) ?? []), count]);
  };
  for (const insight of versions) {
    for (const { theme, actionArea, count } of insight.cells) add(positionKey.cell(theme, actionArea), count);
    for (const { key, count } of insight.themes) add(positionKey.theme(key), count);
    for (const { actionArea, count } of insight.actionAreaCounts) add(positionKey.actionArea(actionArea), count);
    add(positionKey.total, insight.total.count);
  }
  return history;
}
