// @ts-check
/**
 * The figures each chart and its table show, from the API's answers. A series is one
 * coloured set of bars (a country, a status, a kind…); `values` follow `categories`.
 * Nothing is summed across action areas: a submission in several areas counts in each,
 * so a sum would count it several times.
 */

/** @typedef {import('./api-client.mjs').IndicatorRow} IndicatorRow */
/** @typedef {import('./api-client.mjs').FederationStatus} FederationStatus */
/** @typedef {import('./api-client.mjs').NetworkIndicators} NetworkIndicators */

/**
 * @typedef {object} Figure
 * @property {string[]} categories
 * @property {{ key: string, values: (number | null)[] }[]} series
 */

/**
 * @param {readonly IndicatorRow[]} rows
 * @param {string} country
 * @param {string} actionArea
 */
function rowOf(rows, country, actionArea) {
  return rows.find((row) => row.country === country && row.actionArea === actionArea);
}

/**
 * Published submissions: one series per country, one category per action area.
 * @param {readonly IndicatorRow[]} rows
 * @param {readonly string[]} countries the node first, then its partners
 * @param {readonly string[]} actionAreas
 * @returns {Figure}
 */
export function publishedByCountry(rows, countries, actionAreas) {
  return {
    categories: [...actionAreas],
    series: countries.map((country) => ({ key: country, values: actionAreas.map((area) => rowOf(rows, country, area)?.published.total ?? 0) })),
  };
}

/**
 * The node's own submissions: one series per status, one category per action area.
 * @param {readonly IndicatorRow[]} rows
 * @param {string} node
 * @param {readonly string[]} statuses
 * @param {readonly string[]} actionAreas
 * @returns {Figure}
 */
export function statusesByArea(rows, node, statuses, actionAreas) {
  return {
    categories: [...actionAreas],
    series: statuses.map((status) => ({ key: status, values: actionAreas.map((area) => rowOf(rows, node, area)?.submissionsByStatus?.[status] ?? 0) })),
  };
}

/**
 * One country's published submissions: one series per kind, one category per action area.
 * @param {readonly IndicatorRow[]} rows
 * @param {string} country
 * @param {readonly string[]} kinds
 * @param {readonly string[]} actionAreas
 * @returns {Figure}
 */
export function kindsByArea(rows, country, kinds, actionAreas) {
  return {
    categories: [...actionAreas],
    series: kinds.map((kind) => ({ key: kind, values: actionAreas.map((area) => rowOf(rows, country, area)?.published.byKind[kind] ?? 0) })),
  };
}

/** Numeric collation puts SDG targets in the UN's order: 3.8, 10.2, 16.7, 16.10, 16.b. */
const SDG_ORDER = new Intl.Collator('en', { numeric: true });

/**
 * One country's published submissions: one category per SDG target named, one series per
 * action area, so each bar shows in which areas a target was counted.
 * @param {readonly IndicatorRow[]} rows
 * @param {string} country
 * @param {readonly string[]} actionAreas
 * @returns {Figure}
 */
export function sdgTargetsByArea(rows, country, actionAreas) {
  const counted = rows.filter((row) => row.country === country);
  const targets = [...new Set(counted.flatMap((row) => row.published.bySdgTarget.map(({ sdgTarget }) => sdgTarget)))].sort(SDG_ORDER.compare);
  const series = actionAreas
    .map((area) => {
      const counts = rowOf(rows, country, area)?.published.bySdgTarget ?? [];
      return { key: area, values: targets.map((target) => counts.find(({ sdgTarget }) => sdgTarget === target)?.count ?? 0) };
    })
    .filter(({ values }) => values.some((count) => count > 0));
  return { categories: targets, series };
}

/**
 * Heartbeat age and replication latency per partner. A heartbeat's age grows while the
 * page waits for the next status, so it is aged by the time since the status was fetched.
 * @param {FederationStatus} status
 * @param {number} secondsSinceFetched
 * @returns {Figure}
 */
export function partnerTimings(status, secondsSinceFetched) {
  return {
    categories: status.peers.map((peer) => peer.country),
    series: [
      { key: 'heartbeatAge', values: status.peers.map((peer) => (peer.lastHeartbeat ? peer.lastHeartbeat.ageSeconds + secondsSinceFetched : null)) },
      { key: 'latency', values: status.peers.map((peer) => peer.replicationLatency.medianSeconds) },
    ],
  };
}

/** How many outbox samples the backlog chart keeps: ten minutes at one status every 5 s. */
export const OUTBOX_HISTORY_LENGTH = 120;

/**
 * The outbox backlog over time, oldest first, with the newest sample added.
 * @param {readonly { at: string, pending: number }[]} history
 * @param {{ at: string, pending: number }} sample
 */
export function withOutboxSample(history, sample) {
  return [...history, sample].slice(-OUTBOX_HISTORY_LENGTH);
}

/**
 * Experts: one series per country, one category per action area.
 * @param {NetworkIndicators['experts']['items']} rows
 * @param {readonly string[]} countries
 * @param {readonly string[]} actionAreas
 * @returns {Figure}
 */
export function expertsByArea(rows, countries, actionAreas) {
  return {
    categories: [...actionAreas],
    series: countries.map((country) => ({
      key: country,
      values: actionAreas.map((area) => rows.find((row) => row.country === country && row.actionArea === area)?.experts ?? 0),
    })),
  };
}

/**
 * Experts per language: one category per language any country counts, the most spoken
 * across the federation first; one series per country, each expert counted once.
 * @param {NetworkIndicators['experts']['countries']} totals
 * @param {readonly string[]} countries
 * @returns {Figure}
 */
export function expertsByLanguage(totals, countries) {
  /** @type {Map<string, number>} */
  const spoken = new Map();
  for (const { byLanguage } of totals) for (const { language, count } of byLanguage) spoken.set(language, (spoken.get(language) ?? 0) + count);
  const languages = [...spoken].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b)).map(([language]) => language);
  return {
    categories: languages,
    series: countries.map((country) => {
      const counts = totals.find((total) => total.country === country)?.byLanguage ?? [];
      return { key: country, values: languages.map((language) => counts.find((each) => each.language === language)?.count ?? 0) };
    }),
  };
}

/**
 * Published insights: one series per country, one category per action area.
 * @param {NetworkIndicators['insights']} rows
 * @param {readonly string[]} countries
 * @param {readonly string[]} actionAreas
 * @returns {Figure}
 */
export function insightsByArea(rows, countries, actionAreas) {
  return {
    categories: [...actionAreas],
    series: countries.map((country) => ({
      key: country,
      values: actionAreas.map((area) => rows.find((row) => row.country === country && row.actionArea === area)?.insights ?? 0),
    })),
  };
}

/**
 * The cells of each country's published insight tables, published or suppressed. A cell
 * belongs to one action area, so a country's cells are the sum over its areas.
 * @param {NetworkIndicators['insights']} rows
 * @param {readonly string[]} countries
 * @returns {Figure}
 */
export function insightCellsByCountry(rows, countries) {
  const sum = (/** @type {string} */ country, /** @type {'publishedCells' | 'suppressedCells'} */ measure) =>
    rows.filter((row) => row.country === country).reduce((total, row) => total + row[measure], 0);
  return {
    categories: [...countries],
    series: [
      { key: 'publishedCells', values: countries.map((country) => sum(country, 'publishedCells')) },
      { key: 'suppressedCells', values: countries.map((country) => sum(country, 'suppressedCells')) },
    ],
  };
}
