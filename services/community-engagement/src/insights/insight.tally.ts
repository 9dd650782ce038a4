/** Contributions that share one combination of themes and action areas, and how many there are. */
export interface TallyProfile {
  themes: readonly string[];
  actionAreas: readonly string[];
  count: number;
}

/**
 * A consultation's exact counts, before any suppression: contributions per theme × action area
 * (one with several themes or areas counts in each of its cells), per theme (the row totals),
 * per action area (the column totals), and in all. Totals count contributions, not cells, so a
 * row total is at most the sum of its cells.
 */
export interface InsightTally {
  themes: readonly string[];
  actionAreas: readonly string[];
  /** `cells[theme][area]`, in the order of `themes` and `actionAreas`. */
  cells: number[][];
  rows: number[];
  columns: number[];
  total: number;
}

/** Counts the profiles over the consultation's themes and action areas; keys it does not offer are not counted. */
export function tabulate(themes: readonly string[], actionAreas: readonly string[], profiles: readonly TallyProfile[]): InsightTally {
  const themeIndex = new Map(themes.map((theme, index) => [theme, index]));
  const areaIndex = new Map(actionAreas.map((area, index) => [area, index]));
  const tally: InsightTally = {
    themes,
    actionAreas,
    cells: themes.map(() => actionAreas.map(() => 0)),
    rows: themes.map(() => 0),
    columns: actionAreas.map(() => 0),
    total: 0,
  };
  for (const { themes: own, actionAreas: areas, count } of profiles) {
    const rows = indexesOf(own, themeIndex);
    const columns = indexesOf(areas, areaIndex);
    tally.total += count;
    for (const row of rows) tally.rows[row]! += count;
    for (const column of columns) tally.columns[column]! += count;
    for (const row of rows) for (const column of columns) tally.cells[row]![column]! += count;
  }
  return tally;
}

/** Each known key once, whatever its repetitions. */
function indexesOf(keys: readonly string[], index: ReadonlyMap<string, number>): number[] {
  return [...new Set(keys)].flatMap((key) => (index.has(key) ? [index.get(key)!] : []));
}
