import { validateSync } from 'class-validator';
import { canonicalLanguageTag, isLanguageTag, IsLanguageTag, IsLanguageTagList } from './language-tag';

describe('language tags', () => {
  it.each(['en', 'es-MX', 'fr-CA', 'nah', 'oj', 'iu-Latn', 'yua', 'nv', 'cr'])('accepts the canonical tag %s', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it.each(['', 'es-mx', 'EN', 'english', 'x', 'en_US', '123', 'a'.repeat(40), 7])('refuses %p', (tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });

  it('canonicalizes what it can', () => {
    expect(canonicalLanguageTag('es-mx')).toBe('es-MX');
    expect(canonicalLanguageTag('not a tag')).toBeUndefined();
  });

  it('validates single tags and lists', () => {
    class Profile {
      @IsLanguageTag() main!: unknown;
      @IsLanguageTagList({ minSize: 1, maxSize: 3 }) spoken!: unknown;
    }
    const valid = Object.assign(new Profile(), { main: 'nah', spoken: ['es-MX', 'nah'] });
    expect(validateSync(valid)).toEqual([]);
    const invalid = Object.assign(new Profile(), { main: 'es-mx', spoken: ['nah', 'nah'] });
    expect(validateSync(invalid).map((error) => error.property)).toEqual(['main', 'spoken']);
    const empty = Object.assign(new Profile(), { main: 'fr', spoken: [] });
    expect(validateSync(empty).map((error) => error.property)).toEqual(['spoken']);
  });
});
