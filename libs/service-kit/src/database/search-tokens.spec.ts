import { searchTokensOf, searchTokensOfTexts } from './search-tokens';

describe('search tokens', () => {
  it('lowers case, drops accents and punctuation, keeps each word once', () => {
    expect(searchTokensOf('Promotoras de Salud: ¡salud comunitaria en Oaxaca!')).toEqual(['promotoras', 'de', 'salud', 'comunitaria', 'en', 'oaxaca']);
    expect(searchTokensOf('Éducation autochtone — Québec')).toEqual(['education', 'autochtone', 'quebec']);
  });

  it('keeps digits, so SDG-like numbers and years are found', () => {
    expect(searchTokensOf('Plan 2030, meta 10.2')).toEqual(['plan', '2030', 'meta', '10', '2']);
  });

  it('gathers every language of every text', () => {
    expect(searchTokensOfTexts({ es: 'Salud', en: 'Health' }, { fr: 'Santé' }, undefined).sort()).toEqual(['health', 'salud', 'sante']);
  });
  it('lowers case and removes accents, so accented and plain spellings meet', () => {
    expect(searchTokensOf('Educación Intercultural')).toEqual(['educacion', 'intercultural']);
    expect(searchTokensOf('ÉCOLE')).toEqual(['ecole']);
  });

  it('splits on punctuation and keeps each word once, over every text', () => {
    expect(searchTokensOf('Afro-descendant youth, youth!', 'youth workers')).toEqual(['afro', 'descendant', 'youth', 'workers']);
  });

  it('keeps letters of any script and digits', () => {
    expect(searchTokensOf('ᐃᓄᒃᑎᑐᑦ 2030')).toEqual(['ᐃᓄᒃᑎᑐᑦ', '2030']);
  });

  it('has no tokens for empty or missing texts', () => {
    expect(searchTokensOf('', undefined, ' - ')).toEqual([]);
  });
});
