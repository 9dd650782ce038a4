// @ts-check
import { LANGUAGES, MESSAGES, pickLanguage, translator } from './i18n.mjs';

/**
 * Every message's path, e.g. "status.draft", "outboxPending.one".
 * @param {object} messages
 * @returns {string[]}
 */
function paths(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof inner === 'string' ? [path] : paths(inner, path);
  });
}

/**
 * @param {object} messages
 * @param {string} path
 * @returns {unknown}
 */
function at(messages, path) {
  return path.split('.').reduce((inner, key) => /** @type {Record<string, unknown>} */ (inner)[key], /** @type {unknown} */ (messages));
}

describe('the dashboard in three languages', () => {
  it('picks the stored language, else the browser’s first one it speaks, else English', () => {
    expect(pickLanguage('fr', ['es-MX'])).toBe('fr');
    expect(pickLanguage(null, ['de-DE', 'es-MX', 'fr'])).toBe('es');
    expect(pickLanguage('xx', ['de'])).toBe('en');
  });

  it('has every message in every language, with the same placeholders', () => {
    const english = paths(MESSAGES.en);
    expect(english.length).toBeGreaterThan(80);
    for (const language of LANGUAGES) {
      const messages = MESSAGES[language];
      expect(paths(messages)).toEqual(english);
      for (const path of english) {
        const original = /** @type {string} */ (at(MESSAGES.en, path));
        const placeholders = (original.match(/\{\w+\}/g) ?? []).sort();
        const translated = /** @type {string} */ (at(messages, path));
        expect({ path, placeholders: (translated.match(/\{\w+\}/g) ?? []).sort() }).toEqual({ path, placeholders });
        if (language !== 'en' && !['tokenCommand', 'sdgTarget'].includes(path))
          expect({ path, translated }).not.toEqual({ path, translated: at(MESSAGES.en, path) });
      }
    }
  });

  it('translates the labels an operator reads', () => {
    expect(translator('es')('healthHeading')).toBe('Estado de la federación');
    expect(translator('fr')('healthHeading')).toBe('Santé de la fédération');
    expect(translator('es').status('changes-requested')).toBe('Cambios solicitados');
    expect(translator('fr').kind('dataset')).toBe('Jeu de données');
    expect(translator('fr').sdgTarget('10.2')).toBe('ODD 10.2');
    expect(translator('es').sdgTarget('10.2')).toBe('ODS 10.2');
  });

  it('fills placeholders and picks the plural form by count', () => {
    const t = translator('en');
    expect(t('outboxPending', { count: 1 })).toBe("1 event of this node's services waiting for Kafka");
    expect(t('outboxPending', { count: 1200 })).toBe("1,200 events of this node's services waiting for Kafka");
    expect(translator('fr')('outboxPending', { count: 0 })).toBe('0 événement des services de ce nœud attend Kafka');
    expect(translator('es')('errorTokenOtherNode', { country: 'us', node: 'mx' })).toBe(
      'Este token se emitió para el nodo us y este es el nodo mx. Use un token de este nodo.',
    );
  });

  it('formats numbers, durations and country names with Intl in the chosen language', () => {
    expect(translator('es').integer(12345)).toBe('12.345');
    expect(translator('fr').integer(12345)).toBe('12\u202f345');
    expect(translator('en').country('mx')).toBe('Mexico');
    expect(translator('es').country('us')).toBe('Estados Unidos');
    expect(translator('fr').country('ca')).toBe('Canada');
    expect(translator('fr').ago(12.4)).toBe('il y a 12 secondes');
    expect(translator('es').ago(600)).toBe('hace 10 minutos');
    expect(translator('en').ago(7300)).toBe('2 hours ago');
    expect(translator('en').seconds(0.36)).toBe('0.4 sec');
  });

  it('says how long an exchange waited in the largest unit that reads well, up to days', () => {
    expect(translator('en').longDuration(45)).toBe('45 sec');
    expect(translator('es').longDuration(1800)).toBe('30 minutos');
    expect(translator('fr').longDuration(5400 * 3)).toBe('4,5\u00a0heures');
    expect(translator('en').longDuration(3 * 86_400)).toBe('3 days');
  });

  it('names languages with ICU in the chosen language, keeping a code it does not know', () => {
    expect(translator('fr').languageName('es')).toBe('espagnol');
    expect(translator('es').languageName('oj')).toBe('ojibwa');
    expect(translator('en').languageName('qqq')).toBe('qqq');
  });

  it('leaves an unknown code as it is rather than showing nothing', () => {
    expect(translator('en').status('archived')).toBe('archived');
  });
});
