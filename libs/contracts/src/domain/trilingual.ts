import { registerDecorator, type ValidationOptions } from 'class-validator';
import { composeDecorators } from './compose-decorators';
import { Omittable } from './conditional';
import { IsText, LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH } from './text';
import { LANGUAGES, type Language } from './vocabularies';

/** User content in up to three languages (docs/architecture.md, REST conventions). */
export type Trilingual = Partial<Record<Language, string>>;

function LanguageText(maxLength: number): PropertyDecorator {
  return composeDecorators(Omittable(), IsText(maxLength));
}

export class TrilingualTitle implements Trilingual {
  @LanguageText(TITLE_MAX_LENGTH) en?: string;
  @LanguageText(TITLE_MAX_LENGTH) es?: string;
  @LanguageText(TITLE_MAX_LENGTH) fr?: string;
}

export class TrilingualText implements Trilingual {
  @LanguageText(TEXT_MAX_LENGTH) en?: string;
  @LanguageText(TEXT_MAX_LENGTH) es?: string;
  @LanguageText(TEXT_MAX_LENGTH) fr?: string;
}

export class TrilingualLongText implements Trilingual {
  @LanguageText(LONG_TEXT_MAX_LENGTH) en?: string;
  @LanguageText(LONG_TEXT_MAX_LENGTH) es?: string;
  @LanguageText(LONG_TEXT_MAX_LENGTH) fr?: string;
}

export const HAS_ORIGINAL_LANGUAGE = 'hasOriginalLanguage';

export function hasTextIn(value: unknown, language: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!LANGUAGES.includes(language as Language)) return false;
  const text = (value as Trilingual)[language as Language];
  return typeof text === 'string' && /\S/.test(text);
}

/**
 * The trilingual value has text in the language named by the sibling property
 * `languageProperty` (e.g. `originalLanguage`): translations are optional, the
 * original is not.
 */
export function HasOriginalLanguage(languageProperty: string, options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: HAS_ORIGINAL_LANGUAGE,
      target: target.constructor,
      propertyName: String(propertyKey),
      constraints: [languageProperty],
      options: {
        message: ({ property, object }) =>
          `${property} must have text in its original language (${languageProperty} = ${String((object as Record<string, unknown>)[languageProperty])})`,
        ...options,
      },
      validator: {
        // Without a language there is nothing to hold the text to: the language
        // property's own rule reports it, and a partial update (PATCH) is checked merged.
        validate: (value, args) => {
          const language = (args?.object as Record<string, unknown>)[languageProperty];
          return language === undefined || hasTextIn(value, language);
        },
      },
    });
  };
}
