import { K_ANONYMITY } from '@naperj/contracts';
import type { InsightTally } from './insight.tally';

/** A tally as it may be published: `null` where a count is suppressed. */
export interface SuppressedTally {
  cells: (number | null)[][];
  rows: (number | null)[];
  columns: (number | null)[];
  total: number | null;
}

/** The values earlier versions published for each position of a consultation's table, by `positionKey`. */
export type PublishedHistory = ReadonlyMap<string, readonly number[]>;

/** Names a position of the table the same way in every version, whatever the order of its themes and areas. */
export const positionKey = {
  cell: (theme: string, actionArea: string): string => `cell:${theme}:${actionArea}`,
  theme: (theme: string): string => `theme:${theme}`,
  actionArea: (actionArea: string): string => `area:${actionArea}`,
  total: 'total',
} as const;

/** A total and the values it sums up (or, where contributions count in several, bounds). */
interface Line {
  total: number;
  members: readonly number[];
}

interface Position {
  key: string;
  value: number;
}

/**
 * The tally with every value that could single people out replaced by `null`
 * (docs/architecture.md, REST: community-engagement):
 *
 * 1. every value below k is suppressed, zero included: the contract publishes no count below k,
 *    and a zero shown beside suppressed cells would tell them apart from 1 to k − 1;
 * 2. every value that differs from a value an earlier version published for the same position
 *    by 1 to k − 1 is suppressed, so no two versions can be subtracted to isolate fewer than k
 *    contributions;
 * 3. complementary suppression, to a fixpoint over rows, columns and both margins (the row
 *    totals and the column totals under the grand total): where a line's total is published
 *    and some of its members are not, the total minus the published members is what anyone
 *    learns about the suppressed ones together. That has to cover at least two non-zero ones
 *    and be at least k, or more members are suppressed, the smallest first (then the first in
 *    order); when none is left, the total is. Suppressed zeros are taken as known: a line may
 *    give one away, and telling that nobody is in a cell singles no one out. A remainder of
 *    zero or less says nothing: with a non-zero member suppressed, it proves the line counts
 *    some contributions more than once, so the suppressed members together are only known to
 *    be at least that remainder.
 */
export function suppress(tally: InsightTally, history: PublishedHistory = new Map(), k: number = K_ANONYMITY): SuppressedTally {
  const positions = positionsOf(tally);
  const suppressed = positions.map(({ key, value }) => value < k || differsSlightly(value, history.get(key) ?? [], k));
  const lines = linesOf(tally);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) if (protect(line, positions, suppressed, k)) changed = true;
  }
  return layout(
    tally,
    positions.map(({ value }, index) => (suppressed[index] ? null : value)),
  );
}

function differsSlightly(value: number, earlier: readonly number[], k: number): boolean {
  return earlier.some((published) => {
    const difference = Math.abs(value - published);
    return difference > 0 && difference < k;
  });
}

/** Suppresses more of the line until what it tells about its suppressed members is safe; whether it changed anything. */
function protect(line: Line, positions: readonly Position[], suppressed: boolean[], k: number): boolean {
  if (suppressed[line.total]) return false;
  let changed = false;
  while (exposes(line, positions, suppressed, k)) {
    const next = smallestPublished(line.members, positions, suppressed);
    changed = true;
    if (next === undefined) {
      suppressed[line.total] = true;
      return changed;
    }
    suppressed[next] = true;
  }
  return changed;
}

function exposes({ total, members }: Line, positions: readonly Position[], suppressed: readonly boolean[], k: number): boolean {
  const hidden = members.filter((member) => suppressed[member] && positions[member]!.value > 0).length;
  if (hidden === 0) return false;
  const remainder = positions[total]!.value - members.reduce((sum, member) => (suppressed[member] ? sum : sum + positions[member]!.value), 0);
  if (remainder <= 0) return false;
  return hidden < 2 || remainder < k;
}

function smallestPublished(members: readonly number[], positions: readonly Position[], suppressed: readonly boolean[]): number | undefined {
  let smallest: number | undefined;
  for (const member of members) {
    if (suppressed[member]) continue;
    if (smallest === undefined || positions[member]!.value < positions[smallest]!.value) smallest = member;
  }
  return smallest;
}

/** Every value of the table in one list: the cells row by row, then the rows, the columns and the total. */
function positionsOf({ themes, actionAreas, cells, rows, columns, total }: InsightTally): Position[] {
  return [
    ...themes.flatMap((theme, row) => actionAreas.map((area, column) => ({ key: positionKey.cell(theme, area), value: cells[row]![column]! }))),
    ...themes.map((theme, row) => ({ key: positionKey.theme(theme), value: rows[row]! })),
    ...actionAreas.map((area, column) => ({ key: positionKey.actionArea(area), value: columns[column]! })),
    { key: positionKey.total, value: total },
  ];
}

function linesOf({ themes, actionAreas }: InsightTally): Line[] {
  const width = actionAreas.length;
  const cell = (row: number, column: number) => row * width + column;
  const rowTotal = (row: number) => themes.length * width + row;
  const columnTotal = (column: number) => themes.length * width + themes.length + column;
  const grandTotal = themes.length * width + themes.length + width;
  const rows = themes.map((_, row) => ({ total: rowTotal(row), members: actionAreas.map((_area, column) => cell(row, column)) }));
  const columns = actionAreas.map((_, column) => ({ total: columnTotal(column), members: themes.map((_theme, row) => cell(row, column)) }));
  return [
    ...rows,
    ...columns,
    { total: grandTotal, members: themes.map((_, row) => rowTotal(row)) },
    { total: grandTotal, members: actionAreas.map((_, column) => columnTotal(column)) },
  ];
}

function layout({ themes, actionAreas }: InsightTally, values: readonly (number | null)[]): SuppressedTally {
  const width = actionAreas.length;
  const cellCount = themes.length * width;
  return {
    cells: themes.map((_, row) => values.slice(row * width, (row + 1) * width)),
    rows: values.slice(cellCount, cellCount + themes.length),
    columns: values.slice(cellCount + themes.length, cellCount + themes.length + width),
    total: values[cellCount + themes.length + width]!,
  };
}
