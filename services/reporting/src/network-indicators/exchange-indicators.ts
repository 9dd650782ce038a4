import type { CountryCode, ExchangeStatus } from '@naperj/contracts';
import { median } from './median';

/** An exchange as the indicators hold it: its latest version from its asking country's topic. */
export interface ExchangeRecord {
  /** `<country>:<id>`: the asking country and the exchange's id. */
  _id: string;
  country: CountryCode;
  version: number;
  status: ExchangeStatus;
  createdAt: string;
  closedAt?: string;
}

/** The earliest answer to an exchange one partition of one topic carried. */
export interface FirstAnswerRecord {
  /** The answered exchange, `<country>:<id>`. */
  exchange: string;
  answeredAt: string;
}

/** The exchanges a country asked for. */
export interface ExchangeIndicatorRow {
  country: CountryCode;
  total: number;
  open: number;
  closed: number;
  /** Exchanges with at least one answer, open or closed. */
  answered: number;
  /** From the request to its first answer, across the answered exchanges; null when none is. */
  medianSecondsToFirstAnswer: number | null;
}

/**
 * One row per country: its exchanges by status, those answered, and the median time from a
 * request to its first answer, whichever country answered. An answer dated before its request
 * (clocks of two nodes) counts as immediate.
 */
export function exchangeRows(
  exchanges: readonly ExchangeRecord[],
  firstAnswers: readonly FirstAnswerRecord[],
  countries: readonly CountryCode[],
): ExchangeIndicatorRow[] {
  const firstAnswerAt = new Map<string, number>();
  for (const { exchange, answeredAt } of firstAnswers) {
    const at = Date.parse(answeredAt);
    firstAnswerAt.set(exchange, Math.min(at, firstAnswerAt.get(exchange) ?? at));
  }
  return countries.map((country) => {
    const asked = exchanges.filter((exchange) => exchange.country === country);
    const waits = asked.flatMap(({ _id, createdAt }) => {
      const answeredAt = firstAnswerAt.get(_id);
      return answeredAt === undefined ? [] : [Math.max(0, answeredAt - Date.parse(createdAt)) / 1000];
    });
    const wait = median(waits);
    return {
      country,
      total: asked.length,
      open: asked.filter(({ status }) => status === 'open').length,
      closed: asked.filter(({ status }) => status === 'closed').length,
      answered: waits.length,
      medianSecondsToFirstAnswer: wait === null ? null : Math.round(wait),
    };
  });
}
