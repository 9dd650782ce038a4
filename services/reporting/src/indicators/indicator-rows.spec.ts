import { compareSdgTargets, indicatorRows } from './indicator-rows';
import type { IndicatorTotal } from './indicator.repository';

const total = (
  country: IndicatorTotal['country'],
  actionArea: IndicatorTotal['actionArea'],
  measure: IndicatorTotal['measure'],
  value: string,
  count: number,
): IndicatorTotal => ({
  country,
  actionArea,
  measure,
  value,
  count,
});

describe('indicatorRows', () => {
  const grid = { countries: ['mx', 'us'] as const, actionAreas: ['education', 'health-equity'] as const, ownCountry: 'mx' as const };

  it('gives every country × action area of the grid a row, zeros included', () => {
    const rows = indicatorRows([], grid);
    expect(rows.map(({ country, actionArea }) => `${country} ${actionArea}`)).toEqual(['mx education', 'mx health-equity', 'us education', 'us health-equity']);
    expect(rows[0]).toEqual({
      country: 'mx',
      actionArea: 'education',
      submissionsByStatus: { draft: 0, submitted: 0, 'changes-requested': 0, published: 0, rejected: 0, withdrawn: 0 },
      published: { total: 0, byKind: { practice: 0, strategy: 0, policy: 0, dataset: 0, 'action-area-proposal': 0 }, bySdgTarget: [] },
    });
  });

  it('counts statuses for the own country only, and published ones by kind and SDG target for all', () => {
    const rows = indicatorRows(
      [
        total('mx', 'education', 'status', 'draft', 2),
        total('mx', 'education', 'status', 'published', 1),
        total('mx', 'education', 'kind', 'practice', 1),
        total('mx', 'education', 'sdgTarget', '10.2', 1),
        total('us', 'education', 'kind', 'policy', 3),
        total('us', 'education', 'sdgTarget', '10.a', 1),
        total('us', 'education', 'sdgTarget', '4.5', 2),
        total('us', 'education', 'sdgTarget', '10.2', 0),
      ],
      grid,
    );
    expect(rows[0]!.submissionsByStatus).toMatchObject({ draft: 2, published: 1, submitted: 0 });
    expect(rows[0]!.published).toMatchObject({ total: 1, byKind: { practice: 1 }, bySdgTarget: [{ sdgTarget: '10.2', count: 1 }] });
    expect(rows[2]).toMatchObject({
      country: 'us',
      submissionsByStatus: null,
      published: {
        total: 3,
        byKind: { policy: 3 },
        bySdgTarget: [
          { sdgTarget: '4.5', count: 2 },
          { sdgTarget: '10.a', count: 1 },
        ],
      },
    });
  });
});

describe('compareSdgTargets', () => {
  it('orders by goal, then numbered before lettered targets', () => {
    expect(['10.a', '16.3', '10.2', '3.8', '10.10', '1.b', '1.1'].sort(compareSdgTargets)).toEqual(['1.1', '1.b', '3.8', '10.2', '10.10', '10.a', '16.3']);
  });
});
