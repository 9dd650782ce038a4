import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, registerDecorator, type ValidationOptions } from 'class-validator';
import { composeDecorators } from './compose-decorators';

/** RFC 5646 recommends supporting tags of at least this length. */
export const LANGUAGE_TAG_MAX_LENGTH = 35;

export const IS_LANGUAGE_TAG = 'isLanguageTag';

/**
 * The shape a JSON Schema can check; ICU decides the rest. The primary subtag is an ISO 639
 * code of two or three letters: longer ones are reserved or registered for no language.
 */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * A well-formed BCP 47 tag in its canonical form (`nah`, `es-MX`, `oj-CA`), as the runtime's
 * ICU canonicalizes it. People work and speak in many more languages than the three of the
 * partnership's content, Indigenous languages among them; one canonical spelling keeps
 * `es-mx` and `es-MX` from counting as two languages in filters and indicators.
 */
export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > LANGUAGE_TAG_MAX_LENGTH || !LANGUAGE_TAG_PATTERN.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value)[0] === value;
  } catch {
    return false;
  }
}

/** The canonical form of a well-formed tag (`es-mx` → `es-MX`), or undefined. */
export function canonicalLanguageTag(value: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical !== undefined && isLanguageTag(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

export function IsLanguageTag(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: IS_LANGUAGE_TAG,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: '$property must be a canonical BCP 47 language tag such as "nah", "oj" or "es-MX"', ...options },
      validator: { validate: (value) => isLanguageTag(value) },
    });
}

/** A list of distinct canonical BCP 47 tags. */
export function IsLanguageTagList({ minSize = 0, maxSize }: { minSize?: number; maxSize: number }): PropertyDecorator {
  return composeDecorators(IsArray(), ArrayUnique(), ArrayMinSize(minSize), ArrayMaxSize(maxSize), IsLanguageTag({ each: true }));
}
