import { expertCounts, primaryLanguage } from './expert-counts';
import { expertIndicators } from './expert-indicators';

describe('expert counts', () => {
  it('groups language tags by their primary subtag', () => {
    expect(['es-MX', 'es', 'es-419', 'nah', 'oj-CA', 'sr-Latn'].map(primaryLanguage)).toEqual(['es', 'es', 'es', 'nah', 'oj', 'sr']);
  });

  it('counts an expert once in all areas and once in each own area, as an expert and once per language', () => {
    expect(expertCounts('mx', { actionAreas: ['education', 'health-equity'], languages: ['es-MX', 'nah', 'es'] })).toEqual([
      { country: 'mx', actionArea: 'all', measure: 'experts', value: '' },
      { country: 'mx', actionArea: 'all', measure: 'language', value: 'es' },
      { country: 'mx', actionArea: 'all', measure: 'language', value: 'nah' },
      { country: 'mx', actionArea: 'education', measure: 'experts', value: '' },
      { country: 'mx', actionArea: 'education', measure: 'language', value: 'es' },
      { country: 'mx', actionArea: 'education', measure: 'language', value: 'nah' },
      { country: 'mx', actionArea: 'health-equity', measure: 'experts', value: '' },
      { country: 'mx', actionArea: 'health-equity', measure: 'language', value: 'es' },
      { country: 'mx', actionArea: 'health-equity', measure: 'language', value: 'nah' },
    ]);
  });
});

describe('expertIndicators', () => {
  const totals = [
    ...expertCounts('mx', { actionAreas: ['education'], languages: ['es', 'mix'] }),
    ...expertCounts('mx', { actionAreas: ['education', 'health-equity'], languages: ['es', 'en'] }),
    ...expertCounts('ca', { actionAreas: ['health-equity'], languages: ['fr', 'cr'] }),
  ].reduce<(ReturnType<typeof expertCounts>[number] & { count: number })[]>((sums, key) => {
    const held = sums.find((sum) => JSON.stringify({ ...sum, count: undefined }) === JSON.stringify({ ...key, count: undefined }));
    if (held) held.count += 1;
    else sums.push({ ...key, count: 1 });
    return sums;
  }, []);

  it('gives every country × action area a row, zeros included, and each country its experts counted once', () => {
    const { items, countries } = expertIndicators([...totals, { country: 'ca', actionArea: 'education', measure: 'language', value: 'fr', count: 0 }], {
      countries: ['mx', 'ca'],
      actionAreas: ['education', 'health-equity'],
    });
    expect(items).toEqual([
      {
        country: 'mx',
        actionArea: 'education',
        experts: 2,
        byLanguage: [
          { language: 'es', count: 2 },
          { language: 'en', count: 1 },
          { language: 'mix', count: 1 },
        ],
      },
      {
        country: 'mx',
        actionArea: 'health-equity',
        experts: 1,
        byLanguage: [
          { language: 'en', count: 1 },
          { language: 'es', count: 1 },
        ],
      },
      { country: 'ca', actionArea: 'education', experts: 0, byLanguage: [] },
      {
        country: 'ca',
        actionArea: 'health-equity',
        experts: 1,
        byLanguage: [
          { language: 'cr', count: 1 },
          { language: 'fr', count: 1 },
        ],
      },
    ]);
    expect(countries.map(({ country, experts }) => ({ country, experts }))).toEqual([
      { country: 'mx', experts: 2 },
      { country: 'ca', experts: 1 },
    ]);
  });
});
