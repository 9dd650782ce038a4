import { tabulate } from './insight.tally';

describe('tabulate', () => {
  const themes = ['language', 'distance', 'treatment'];
  const areas = ['health-equity', 'education'];

  it('counts a contribution in every cell of its themes × action areas, and once in each total', () => {
    const tally = tabulate(themes, areas, [
      { themes: ['language', 'treatment'], actionAreas: ['health-equity', 'education'], count: 2 },
      { themes: ['distance'], actionAreas: ['health-equity'], count: 3 },
    ]);
    expect(tally.cells).toEqual([
      [2, 2],
      [3, 0],
      [2, 2],
    ]);
    expect(tally.rows).toEqual([2, 3, 2]);
    expect(tally.columns).toEqual([5, 2]);
    expect(tally.total).toBe(5);
  });

  it('counts nothing for keys the consultation does not offer, and a repeated key once', () => {
    const tally = tabulate(themes, areas, [{ themes: ['language', 'language', 'unknown'], actionAreas: ['justice-system', 'education'], count: 4 }]);
    expect(tally.cells).toEqual([
      [0, 4],
      [0, 0],
      [0, 0],
    ]);
    expect(tally.rows).toEqual([4, 0, 0]);
    expect(tally.columns).toEqual([0, 4]);
    expect(tally.total).toBe(4);
  });

  it('is all zeros without contributions', () => {
    expect(tabulate(themes, areas, [])).toEqual({
      themes,
      actionAreas: areas,
      cells: [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      rows: [0, 0, 0],
      columns: [0, 0],
      total: 0,
    });
  });
});
