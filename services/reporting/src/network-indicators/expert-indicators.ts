import type { ActionArea, CountryCode } from '@naperj/contracts';
import { ALL_ACTION_AREAS, type ExpertKey } from './expert-counts';

export interface LanguageCount {
  /** A primary language subtag: `es`, `fr`, `nah`, `oj`. */
  language: string;
  count: number;
}

/** A country's current experts, in one action area or in all of them (each expert once). */
export interface ExpertTotal {
  country: CountryCode;
  experts: number;
  /** Most spoken first, then by code; only languages counted. An expert counts once per language. */
  byLanguage: LanguageCount[];
}

export interface ExpertIndicatorRow extends ExpertTotal {
  actionArea: ActionArea;
}

export interface ExpertIndicators {
  /** One per country × action area, zeros included; an expert in several areas counts in each. */
  items: ExpertIndicatorRow[];
  /** One per country: each expert once. */
  countries: ExpertTotal[];
}

export function expertIndicators(
  totals: readonly (ExpertKey & { count: number })[],
  { countries, actionAreas }: { countries: readonly CountryCode[]; actionAreas: readonly ActionArea[] },
): ExpertIndicators {
  const countOf = (country: CountryCode, actionArea: ExpertKey['actionArea']): ExpertTotal => {
    const cell = totals.filter((total) => total.country === country && total.actionArea === actionArea && total.count !== 0);
    return {
      country,
      experts: cell.find(({ measure }) => measure === 'experts')?.count ?? 0,
      byLanguage: cell
        .filter(({ measure }) => measure === 'language')
        .map(({ value, count }) => ({ language: value, count }))
        .sort((a, b) => b.count - a.count || a.language.localeCompare(b.language)),
    };
  };
  return {
    items: countries.flatMap((country) =>
      actionAreas.map((actionArea) => {
        const { experts, byLanguage } = countOf(country, actionArea);
        return { country, actionArea, experts, byLanguage };
      }),
    ),
    countries: countries.map((country) => countOf(country, ALL_ACTION_AREAS)),
  };
}
