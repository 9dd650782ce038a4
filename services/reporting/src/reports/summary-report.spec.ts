import { indicatorRows } from '../indicators/indicator-rows';
import { insightRows } from '../insight-indicators/insight-indicators';
import { erasureRows } from '../network-indicators/erasure-indicators';
import { expertCounts } from '../network-indicators/expert-counts';
import { expertIndicators } from '../network-indicators/expert-indicators';
import { exchangeRows } from '../network-indicators/exchange-indicators';
import { toCsv, toCsvTables } from './csv';
import { type NetworkSections, SUMMARY_CSV_HEADER, summaryCsvRows, summaryCsvTables, summaryReport } from './summary-report';

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

  const grid = { countries: ['mx', 'ca'] as const, actionAreas: ['education'] as const };
  const none: NetworkSections = {
    experts: expertIndicators([], grid),
    exchanges: exchangeRows([], [], grid.countries),
    erasures: erasureRows([], [], grid.countries),
    insights: insightRows([], grid),
  };

  it('names each action area in the language asked for', () => {
    const report = summaryReport('mx', rows, none, 'es', new Date('2026-11-29T05:00:00.000Z'));
    expect(report).toMatchObject({ node: 'mx', generatedAt: '2026-11-29T05:00:00.000Z', language: 'es' });
    expect(report.rows.map(({ actionAreaLabel }) => actionAreaLabel)).toEqual(['Educación', 'Educación']);
    expect(summaryReport('mx', rows, none, 'fr', new Date()).rows[0]!.actionAreaLabel).toBe('Éducation');
  });

  it('flattens each row under stable column codes, leaving partners’ statuses empty', () => {
    const csv = toCsv(SUMMARY_CSV_HEADER, summaryCsvRows(summaryReport('mx', rows, none, 'es', new Date())));
    const [header, mx, ca] = csv.slice(1).split('\r\n');
    expect(header).toBe(
      'country,action_area,action_area_label,status_draft,status_submitted,status_changes_requested,status_published,status_rejected,status_withdrawn,' +
        'published_total,published_practice,published_strategy,published_policy,published_dataset,published_action_area_proposal,published_sdg_targets',
    );
    expect(mx).toBe('mx,education,Educación,0,0,0,2,0,0,2,2,0,0,0,0,4.5: 2; 10.2: 1');
    expect(ca).toBe('ca,education,Educación,,,,,,,1,0,0,0,0,1,');
  });

  const sections: NetworkSections = {
    experts: expertIndicators(
      expertCounts('mx', { actionAreas: ['education'], languages: ['es-MX', 'nah'] }).map((key) => ({ ...key, count: 2 })),
      grid,
    ),
    exchanges: exchangeRows(
      [{ _id: 'mx:e1', country: 'mx', version: 1, status: 'open', createdAt: '2026-11-01T10:00:00.000Z' }],
      [{ exchange: 'mx:e1', answeredAt: '2026-11-01T11:00:00.000Z' }],
      grid.countries,
    ),
    erasures: erasureRows([{ origin: 'mx', profile: 'mx:x1', version: 3, at: '2026-11-01T10:00:00.000Z' }], [], grid.countries),
    insights: insightRows([{ country: 'ca', actionArea: 'education', measure: 'insights', count: 1 }], grid),
  };

  it('names the languages experts work in, Indigenous ones included, in the language asked for', () => {
    const report = summaryReport('mx', rows, sections, 'es', new Date());
    expect(report.experts.countries[0]).toEqual({
      country: 'mx',
      experts: 2,
      byLanguage: [
        { language: 'es', languageLabel: 'español', count: 2 },
        { language: 'nah', languageLabel: 'náhuatl', count: 2 },
      ],
    });
    expect(report.experts.rows[0]).toMatchObject({ actionArea: 'education', actionAreaLabel: 'Educación', experts: 2 });
    expect(report.insights[1]).toMatchObject({ country: 'ca', actionAreaLabel: 'Educación', insights: 1 });
    expect(summaryReport('mx', rows, sections, 'fr', new Date()).experts.rows[0]!.byLanguage.map(({ languageLabel }) => languageLabel)).toEqual([
      'espagnol',
      'nahuatl',
    ]);
  });

  it('writes each section as a table of its own after the submissions, its first column naming it', () => {
    const csv = toCsvTables(summaryCsvTables(summaryReport('mx', rows, sections, 'fr', new Date())));
    const tables = csv.slice(1).split('\r\n\r\n');
    expect(tables[0]).toBe(
      toCsv(SUMMARY_CSV_HEADER, summaryCsvRows(summaryReport('mx', rows, sections, 'fr', new Date())))
        .slice(1)
        .trimEnd(),
    );
    expect(tables[1]!.split('\r\n')).toEqual([
      'section,country,action_area,action_area_label,language,language_label,experts',
      "experts,mx,all,Tous les domaines d'action,,,2",
      "experts,mx,all,Tous les domaines d'action,es,espagnol,2",
      "experts,mx,all,Tous les domaines d'action,nah,nahuatl,2",
      'experts,mx,education,Éducation,,,2',
      'experts,mx,education,Éducation,es,espagnol,2',
      'experts,mx,education,Éducation,nah,nahuatl,2',
      "experts,ca,all,Tous les domaines d'action,,,0",
      'experts,ca,education,Éducation,,,0',
    ]);
    expect(tables[2]!.split('\r\n')).toEqual([
      'section,country,total,open,closed,answered,median_seconds_to_first_answer',
      'exchanges,mx,1,1,0,1,3600',
      'exchanges,ca,0,0,0,0,',
    ]);
    expect(tables[3]!.split('\r\n')).toEqual([
      'section,country,partner,withdrawals,receipts,pending,median_seconds_to_receipt',
      'erasures,mx,ca,1,0,1,',
      'erasures,ca,mx,0,0,0,',
    ]);
    expect(tables[4]!.split('\r\n')).toEqual([
      'section,country,action_area,action_area_label,insights,published_cells,suppressed_cells',
      'insights,mx,education,Éducation,0,0,0',
      'insights,ca,education,Éducation,1,0,0',
      '',
    ]);
  });
});
