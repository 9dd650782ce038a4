import type { ActionArea, CountryCode } from '@naperj/contracts';

/** Every action area at once: each expert counted once, whatever their areas. */
export const ALL_ACTION_AREAS = 'all';

/** One counter of the expert indicators: experts, or experts who work in a language. */
export type ExpertKey = {
  country: CountryCode;
  actionArea: ActionArea | typeof ALL_ACTION_AREAS;
  measure: 'experts' | 'language';
  /** The language (a primary subtag) for `language`; empty for `experts`. */
  value: string;
};

/**
 * The language a BCP 47 tag names, for counting: its primary subtag, so `es`, `es-MX` and
 * `es-419` are one language and an expert listing two of them counts once; Indigenous
 * languages keep their own code (`nah`, `mix`, `oj`).
 */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/**
 * The counters a current expert adds 1 to, under `country` (the profile's origin): in every
 * action area at once and in each of its own, as an expert and once per language.
 */
export function expertCounts(
  country: CountryCode,
  { actionAreas, languages }: { actionAreas: readonly ActionArea[]; languages: readonly string[] },
): ExpertKey[] {
  const spoken = [...new Set(languages.map(primaryLanguage))].sort();
  const areas: ExpertKey['actionArea'][] = [ALL_ACTION_AREAS, ...new Set(actionAreas)];
  return areas.flatMap((actionArea): ExpertKey[] => [
    { country, actionArea, measure: 'experts', value: '' },
    ...spoken.map((value): ExpertKey => ({ country, actionArea, measure: 'language', value })),
  ]);
}
