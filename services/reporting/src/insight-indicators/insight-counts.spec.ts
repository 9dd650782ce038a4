import type { ActionArea } from '@naperj/contracts';
import { type InsightKey, insightCounts } from './insight-counts';
import { insightRows } from './insight-indicators';

const cell = (theme: string, actionArea: ActionArea, count: number | null) => ({ theme, actionArea, count, suppressed: count === null });

describe('insight counts', () => {
  const counts = insightCounts('mx', {
    actionAreas: ['health-equity', 'education'],
    cells: [cell('access', 'health-equity', 7), cell('access', 'education', null), cell('cost', 'health-equity', null), cell('cost', 'education', 12)],
  });

  it('counts an insight once in each of its action areas', () => {
    expect(counts.filter(({ measure }) => measure === 'insights')).toEqual([
      { country: 'mx', actionArea: 'health-equity', measure: 'insights' },
      { country: 'mx', actionArea: 'education', measure: 'insights' },
    ]);
  });

  it('counts the published and suppressed cells of each action area, and never a count of contributions', () => {
    const totals = counts.reduce<(InsightKey & { count: number })[]>((sums, key) => {
      const held = sums.find((sum) => sum.actionArea === key.actionArea && sum.measure === key.measure);
      if (held) held.count += 1;
      else sums.push({ ...key, count: 1 });
      return sums;
    }, []);
    const rows = insightRows(totals, { countries: ['mx', 'us'], actionAreas: ['health-equity', 'education'] });
    expect(rows).toEqual([
      { country: 'mx', actionArea: 'health-equity', insights: 1, publishedCells: 1, suppressedCells: 1 },
      { country: 'mx', actionArea: 'education', insights: 1, publishedCells: 1, suppressedCells: 1 },
      { country: 'us', actionArea: 'health-equity', insights: 0, publishedCells: 0, suppressedCells: 0 },
      { country: 'us', actionArea: 'education', insights: 0, publishedCells: 0, suppressedCells: 0 },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/:(7|12)\b/);
  });
});
