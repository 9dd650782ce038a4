import { searchTokensOf } from './search-tokens';

describe('searchTokensOf', () => {
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
