import { indicatorRows } from '../indicators/indicator-rows';
import { toCsv } from './csv';
import { SUMMARY_CSV_HEADER, summaryCsvRows, summaryReport } from './summary-report';

describe('the summary report', () => {
  const rows = indicatorRows(
    [
      { country: 'mx', actionArea: 'education', measure: 'status', value: 'published', count: 2 },
      { country: 'mx', actionArea: 'education', measure: 'kind', value: 'practice', count: 2 },
      { country: 'mx', actionArea: 'education', measure: 'sdgTarget', value: '10.2', count: 1 },
      { country: 'mx', actionArea: 'education', measure: 'sdgTarget', value: '4.5', count: 2 },
      { country: 'ca', actionArea: 'education', measure: 'kind', value: 'action-area-proposal', count: 1 },
    ],
    { countries: ['mx', 'ca'], actionAreas: ['education'], ownCountry: 'mx' },
  );

  it('names each action area in the language asked for', () => {
    const report = summaryReport('mx', rows, 'es', new Date('2026-11-29T05:00:00.000Z'));
    expect(report).toMatchObject({ node: 'mx', generatedAt: '2026-11-29T05:00:00.000Z', language: 'es' });
    expect(report.rows.map(({ actionAreaLabel }) => actionAreaLabel)).toEqual(['Educación', 'Educación']);
    expect(summaryReport('mx', rows, 'fr', new Date()).rows[0]!.actionAreaLabel).toBe('Éducation');
  });

  it('flattens each row under stable column codes, leaving partners’ statuses empty', () => {
    const csv = toCsv(SUMMARY_CSV_HEADER, summaryCsvRows(summaryReport('mx', rows, 'es', new Date())));
    const [header, mx, ca] = csv.slice(1).split('\r\n');
    expect(header).toBe(
      'country,action_area,action_area_label,status_draft,status_submitted,status_changes_requested,status_published,status_rejected,status_withdrawn,' +
        'published_total,published_practice,published_strategy,published_policy,published_dataset,published_action_area_proposal,published_sdg_targets',
    );
    expect(mx).toBe('mx,education,Educación,0,0,0,2,0,0,2,2,0,0,0,0,4.5: 2; 10.2: 1');
    expect(ca).toBe('ca,education,Educación,,,,,,,1,0,0,0,0,1,');
  });
});
