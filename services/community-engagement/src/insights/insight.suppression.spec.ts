import { K_ANONYMITY } from '@naperj/contracts';
import { type PublishedHistory, positionKey, type SuppressedTally, suppress } from './insight.suppression';
import { type InsightTally, tabulate, type TallyProfile } from './insight.tally';

const k = K_ANONYMITY;
const THEMES = ['language', 'distance', 'treatment', 'cost'];
const AREAS = ['health-equity', 'education', 'justice-system'];

/** A tally straight from its cells, every contribution naming one theme and one area (sums add up). */
function additive(cells: number[][], themes = THEMES.slice(0, cells.length), areas = AREAS.slice(0, cells[0]!.length)): InsightTally {
  const profiles = cells.flatMap((row, r) => row.map((count, c) => ({ themes: [themes[r]!], actionAreas: [areas[c]!], count })));
  return tabulate(themes, areas, profiles);
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, values: readonly T[], atLeast = 1): T[] {
  const chosen = values.filter(() => next() < 0.4);
  return chosen.length >= atLeast ? chosen : [values[Math.floor(next() * values.length)]!];
}

/** Random contributions: several themes and areas each unless `single`. */
function randomProfiles(next: () => number, count: number, single: boolean): TallyProfile[] {
  return Array.from({ length: count }, () => ({
    themes: single ? [THEMES[Math.floor(next() * THEMES.length)]!] : pick(next, THEMES),
    actionAreas: single ? [AREAS[Math.floor(next() * AREAS.length)]!] : pick(next, AREAS),
    count: 1,
  }));
}

/** Every line of a published table: its total and members, raw and as published. */
function linesOf(tally: InsightTally, published: SuppressedTally) {
  const rows = tally.themes.map((_, r) => ({
    total: [tally.rows[r]!, published.rows[r]!],
    members: tally.cells[r]!.map((v, c) => [v, published.cells[r]![c]!]),
  }));
  const columns = tally.actionAreas.map((_, c) => ({
    total: [tally.columns[c]!, published.columns[c]!],
    members: tally.themes.map((_t, r) => [tally.cells[r]![c]!, published.cells[r]![c]!]),
  }));
  const grand = [tally.total, published.total];
  return [
    ...rows,
    ...columns,
    { total: grand, members: tally.rows.map((v, r) => [v, published.rows[r]!]) },
    { total: grand, members: tally.columns.map((v, c) => [v, published.columns[c]!]) },
  ] as { total: [number, number | null]; members: [number, number | null][] }[];
}

function publishedValues(published: SuppressedTally): (number | null)[] {
  return [...published.cells.flat(), ...published.rows, ...published.columns, published.total];
}

function historyOf(tally: InsightTally, ...versions: SuppressedTally[]): PublishedHistory {
  const history = new Map<string, number[]>();
  const add = (key: string, value: number | null) => {
    if (value !== null) history.set(key, [...(history.get(key) ?? []), value]);
  };
  for (const version of versions) {
    tally.themes.forEach((theme, r) => {
      tally.actionAreas.forEach((area, c) => add(positionKey.cell(theme, area), version.cells[r]![c]!));
      add(positionKey.theme(theme), version.rows[r]!);
    });
    tally.actionAreas.forEach((area, c) => add(positionKey.actionArea(area), version.columns[c]!));
    add(positionKey.total, version.total);
  }
  return history;
}

describe('suppress', () => {
  describe('small counts', () => {
    it('never shows a cell of 4, nor any other count below k, zero included', () => {
      const published = suppress(
        additive([
          [4, 20, 0],
          [12, 9, 30],
          [11, 15, 25],
        ]),
      );
      expect(published.cells[0]![0]).toBeNull();
      expect(published.cells[0]![2]).toBeNull();
      for (const value of publishedValues(published)) if (value !== null) expect(value).toBeGreaterThanOrEqual(k);
    });

    it('suppresses totals below k, and so every cell they hold', () => {
      const published = suppress(
        additive([
          [2, 1],
          [20, 30],
          [25, 25],
        ]),
      );
      expect(published.cells[0]).toEqual([null, null]);
      // Under the grand total, a second row total hides the first.
      expect(published.rows).toEqual([null, null, 50]);
    });

    it('publishes everything when every count is at least k', () => {
      const published = suppress(
        additive([
          [5, 6],
          [7, 8],
        ]),
      );
      expect(published).toEqual({
        cells: [
          [5, 6],
          [7, 8],
        ],
        rows: [11, 15],
        columns: [12, 14],
        total: 26,
      });
    });

    it('suppresses a zero, yet hides nothing more for it: a line may tell that nobody is in a cell', () => {
      const published = suppress(
        additive([
          [9, 0],
          [7, 6],
        ]),
      );
      expect(published.cells).toEqual([
        [9, null],
        [7, 6],
      ]);
      expect(published.rows).toEqual([9, 13]);
    });

    it('suppresses the whole table of a consultation with fewer than k contributions', () => {
      const published = suppress(additive([[1, 2]]));
      expect(publishedValues(published).every((value) => value === null)).toBe(true);
    });
  });

  describe('complementary suppression', () => {
    it('hides a second cell of a row whose one small cell its total would give away', () => {
      const published = suppress(
        additive([
          [3, 10, 20],
          [12, 14, 16],
        ]),
      );
      // 33 − 10 − 20 would be the 3; the 10, smallest published, goes too.
      expect(published.rows[0]).toBe(33);
      expect(published.cells[0]).toEqual([null, null, 20]);
    });

    it('hides a second cell of a column whose one small cell its total would give away', () => {
      const published = suppress(
        additive([
          [3, 30],
          [10, 30],
          [20, 30],
        ]),
      );
      expect(published.columns[0]).toBe(33);
      expect(published.cells.map((row) => row[0])).toEqual([null, null, 20]);
    });

    it('hides another row total when the grand total would give one away', () => {
      // One theme, one area each: the row totals add up to the grand total.
      const published = suppress(additive([[2], [8], [9]], THEMES.slice(0, 3), AREAS.slice(0, 1)));
      expect(published.total).toBe(19);
      expect(published.rows).toEqual([null, null, 9]);
    });

    it('asks for at least k in the suppressed cells together, not just two of them', () => {
      const published = suppress(
        additive([
          [1, 2, 30],
          [20, 20, 20],
        ]),
      );
      // 1 + 2 = 3 < k: the 30 goes too (33 − nothing published = 33).
      expect(published.rows[0]).toBe(33);
      expect(published.cells[0]).toEqual([null, null, null]);
    });

    it('takes the total when a line has no other member to hide', () => {
      // The cell and its row always hold the same count; here only the cell's history forbids it.
      const tally = additive([[12]], THEMES.slice(0, 1), AREAS.slice(0, 1));
      const history = new Map([[positionKey.cell(THEMES[0]!, AREAS[0]!), [10]]]);
      const published = suppress(tally, history);
      expect(published).toEqual({ cells: [[null]], rows: [null], columns: [null], total: null });
    });

    it('leaves a line alone whose published members exceed its total: it then tells nothing', () => {
      // Contributions name several areas: the area counts add up to more than the grand total.
      const tally = tabulate(['distance'], AREAS, [
        { themes: ['distance'], actionAreas: ['health-equity', 'education'], count: 8 },
        { themes: ['distance'], actionAreas: ['health-equity', 'justice-system'], count: 3 },
        { themes: ['distance'], actionAreas: ['health-equity'], count: 1 },
      ]);
      const published = suppress(tally);
      // 12 − 12 − 8 < 0: nothing follows about the 3, so nothing else is hidden for it.
      expect(published).toEqual({ cells: [[12, 8, null]], rows: [12], columns: [12, 8, null], total: 12 });
    });

    it('leaves a line alone whose published members reach its total while a non-zero one is suppressed', () => {
      const tally = tabulate(['language', 'distance', 'treatment'], AREAS.slice(0, 2), [
        { themes: ['language', 'distance'], actionAreas: ['health-equity'], count: 3 },
        { themes: ['language'], actionAreas: ['health-equity', 'education'], count: 2 },
      ]);
      // 5 − 5 = 0 under the grand total and in the first column: the 3 is only known to be at least 0.
      expect(suppress(tally)).toEqual({
        cells: [
          [5, null],
          [null, null],
          [null, null],
        ],
        rows: [5, null, null],
        columns: [5, null],
        total: 5,
      });
    });

    it('holds on every line of random tables whose totals add up: suppressed non-zero members none, or two or more summing to k or more', () => {
      const next = random(20261207);
      for (let run = 0; run < 400; run += 1) {
        const tally = tabulate(THEMES, AREAS, randomProfiles(next, Math.floor(next() * 80), true));
        const published = suppress(tally);
        for (const { total, members } of linesOf(tally, published)) {
          if (total[1] === null) continue;
          const hidden = members.filter(([value, shown]) => shown === null && value > 0).map(([value]) => value);
          if (hidden.length === 0) continue;
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((sum, value) => sum + value, 0)).toBeGreaterThanOrEqual(k);
          // What the total and the published members give away is exactly that sum.
          expect(total[0] - members.reduce((sum, [, shown]) => sum + (shown ?? 0), 0)).toBe(hidden.reduce((sum, value) => sum + value, 0));
        }
      }
    });

    it('holds on every line of random tables where contributions name several themes and areas', () => {
      const next = random(7);
      for (let run = 0; run < 400; run += 1) {
        const tally = tabulate(THEMES, AREAS, randomProfiles(next, Math.floor(next() * 80), false));
        const published = suppress(tally);
        for (const value of publishedValues(published)) if (value !== null) expect(value).toBeGreaterThanOrEqual(k);
        for (const { total, members } of linesOf(tally, published)) {
          if (total[1] === null) continue;
          const hidden = members.filter(([value, shown]) => shown === null && value > 0).length;
          const remainder = total[0] - members.reduce((sum, [, shown]) => sum + (shown ?? 0), 0);
          if (hidden === 0 || remainder <= 0) continue;
          expect(hidden).toBeGreaterThanOrEqual(2);
          expect(remainder).toBeGreaterThanOrEqual(k);
        }
      }
    });

    it('decides the same way whatever order the contributions come in', () => {
      const next = random(99);
      const profiles = randomProfiles(next, 60, false);
      expect(suppress(tabulate(THEMES, AREAS, [...profiles].reverse()))).toEqual(suppress(tabulate(THEMES, AREAS, profiles)));
    });
  });

  describe('differencing', () => {
    it('suppresses a count 1 to k − 1 away from what an earlier version published for it, and keeps an unchanged one', () => {
      const before = additive([
        [10, 10],
        [10, 10],
      ]);
      const first = suppress(before);
      const after = additive([
        [12, 10],
        [10, 10],
      ]);
      const second = suppress(after, historyOf(before, first));
      expect(second.cells[0]![0]).toBeNull();
      expect(second.rows[0]).toBeNull();
      expect(second.columns[0]).toBeNull();
      expect(second.total).toBeNull();
      // Its row, column and grand totals go with it, so the unchanged counts stay.
      expect(second.cells).toEqual([
        [null, 10],
        [10, 10],
      ]);
    });

    it('publishes a count k or more away from every value published for it before', () => {
      const history = new Map([[positionKey.total, [20, 27]]]);
      expect(suppress(additive([[16, 16]]), history).total).toBe(32);
      expect(suppress(additive([[15, 16]]), history).total).toBeNull();
    });

    it('never lets two published versions differ by 1 to k − 1 in any position, over random histories', () => {
      const next = random(424242);
      for (let run = 0; run < 60; run += 1) {
        let profiles = randomProfiles(next, k + Math.floor(next() * 20), next() < 0.5);
        const versions: SuppressedTally[] = [];
        let history: PublishedHistory = new Map();
        for (let version = 0; version < 6; version += 1) {
          const tally = tabulate(THEMES, AREAS, profiles);
          const published = suppress(tally, history);
          for (const earlier of versions) {
            publishedValues(published).forEach((value, index) => {
              const before = publishedValues(earlier)[index];
              if (value === null || before === null || before === undefined) return;
              const difference = Math.abs(value - before);
              expect(difference === 0 || difference >= k).toBe(true);
            });
          }
          versions.push(published);
          history = historyOf(tally, ...versions);
          // Withdrawals, then at least k newcomers: what the publication policy lets through.
          profiles = profiles.filter(() => next() > 0.1).concat(randomProfiles(next, k + Math.floor(next() * 8), next() < 0.5));
        }
      }
    });
  });
});
