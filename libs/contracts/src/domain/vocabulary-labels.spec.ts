import { ACTION_AREA_LABELS } from './vocabulary-labels';
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
