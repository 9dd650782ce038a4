import { plainToInstance } from 'class-transformer';
import { IsIn, validateSync } from 'class-validator';
import { NestedObject } from './collections';
import { TITLE_MAX_LENGTH } from './text';
import { HasOriginalLanguage, hasTextIn, TrilingualTitle } from './trilingual';
import { LANGUAGES, type Language } from './vocabularies';

class Titled {
  @NestedObject(() => TrilingualTitle)
  @HasOriginalLanguage('originalLanguage')
  title!: TrilingualTitle;

  @IsIn(LANGUAGES) originalLanguage!: Language;
}

function errors(plain: object): string[] {
  return validateSync(plainToInstance(Titled, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).flatMap((error) => [...Object.values(error.constraints ?? {}), ...(error.children ?? []).flatMap((child) => Object.values(child.constraints ?? {}))]);
}

describe('trilingual text', () => {
  it('accepts the original language with or without translations', () => {
    expect(errors({ title: { es: 'Promotoras de salud' }, originalLanguage: 'es' })).toEqual([]);
    expect(
      errors({
        title: { es: 'Promotoras de salud', en: 'Community health workers', fr: 'Agentes de santé' },
        originalLanguage: 'es',
      }),
    ).toEqual([]);
  });

  // A null translation was stored and answered, where the document promises a string or nothing.
  it('rejects a translation given as null: it is left out or written', () => {
    expect(errors({ title: { es: 'Promotoras de salud', en: null }, originalLanguage: 'es' })).toContain('en must be a string');
  });

  it('rejects a text that lacks its original language', () => {
    expect(errors({ title: { en: 'Community health workers' }, originalLanguage: 'es' })).toEqual([
      'title must have text in its original language (originalLanguage = es)',
    ]);
  });

  it('leaves a missing original language to its own rule', () => {
    expect(errors({ title: { en: 'Community health workers' } })).toEqual(['originalLanguage must be one of the following values: en, es, fr']);
  });

  it('rejects a blank original', () => {
    const blank = { title: { es: '   ', en: 'Community health workers' }, originalLanguage: 'es' };
    expect(errors(blank)).toContain('title must have text in its original language (originalLanguage = es)');
  });

  it('rejects an unknown language, a too long title and a non-string', () => {
    expect(errors({ title: { es: 'Salud', de: 'Gesundheit' }, originalLanguage: 'es' })).toEqual(['property de should not exist']);
    expect(errors({ title: { es: 'x'.repeat(TITLE_MAX_LENGTH + 1) }, originalLanguage: 'es' })).toEqual([
      `es must be shorter than or equal to ${TITLE_MAX_LENGTH} characters`,
    ]);
    expect(errors({ title: { es: 42 }, originalLanguage: 'es' })).toContain('es must be a string');
  });

  it('rejects a list where one text is expected', () => {
    expect(errors({ title: [{ es: 'Salud' }], originalLanguage: 'es' })).toContain('title must be an object');
  });

  it.each([
    [{ es: 'Salud' }, 'es', true],
    [{ es: 'Salud' }, 'en', false],
    [{ es: 'Salud' }, 'pt', false],
    [null, 'es', false],
    ['Salud', 'es', false],
  ])('hasTextIn(%p, %p) is %p', (value, language, expected) => {
    expect(hasTextIn(value, language)).toBe(expected);
  });
});
