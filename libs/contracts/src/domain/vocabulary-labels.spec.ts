import { ACTION_AREA_LABELS, LANGUAGE_NAME_LABELS, languageName } from './vocabulary-labels';
import { ACTION_AREAS, LANGUAGES } from './vocabularies';

describe('ACTION_AREA_LABELS', () => {
  it('names every action area in every language, each label its own', () => {
    expect(Object.keys(ACTION_AREA_LABELS).sort()).toEqual([...ACTION_AREAS].sort());
    for (const language of LANGUAGES) {
      const labels = ACTION_AREAS.map((area) => ACTION_AREA_LABELS[area][language]);
      expect(labels.every((label) => label.trim().length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(ACTION_AREAS.length);
    }
  });

  it('keeps the accents of Spanish and French', () => {
    expect(ACTION_AREA_LABELS.education).toEqual({ en: 'Education', es: 'Educación', fr: 'Éducation' });
  });
});

describe('languageName', () => {
  it('names Indigenous languages ICU does not know, in each language', () => {
    expect(languageName('nah', 'en')).toBe('Nahuatl');
    expect(languageName('mix', 'es')).toBe('mixteco');
    expect(languageName('yua', 'fr')).toBe('maya yucatèque');
    expect(languageName('oj', 'fr')).toBe('ojibwé');
  });

  it("takes ICU's names for the others, and keeps a code nobody names", () => {
    expect(languageName('es', 'fr')).toBe('espagnol');
    expect(languageName('de', 'es')).toBe('alemán');
    expect(languageName('qqq', 'en')).toBe('qqq');
  });

  it('names every listed language in every language', () => {
    for (const labels of Object.values(LANGUAGE_NAME_LABELS)) for (const language of LANGUAGES) expect(labels[language].trim()).not.toBe('');
  });
});
