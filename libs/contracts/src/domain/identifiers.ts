import { Matches, MaxLength, type ValidationOptions } from 'class-validator';
import { composeDecorators } from './compose-decorators';
import { IsText } from './text';

/**
 * Entity ids are UUIDv7 in canonical lowercase form, the same format as `ce_id`: they are
 * created on any node without coordination, sort by creation time, and serve as the
 * CloudEvent subject and Kafka key, where `A` and `a` would be two different keys.
 */
export const ENTITY_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ENTITY_ID_PATTERN.test(value);
}

export function IsEntityId(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(ENTITY_ID_PATTERN, {
    message: '$property must be a lowercase UUIDv7',
    ...options,
  });
}

/** A person's account: the `sub` claim of the node's issuer, opaque to everyone else. */
export const USER_ID_MAX_LENGTH = 256;

export function IsUserId(options: ValidationOptions = {}): PropertyDecorator {
  return IsText(USER_ID_MAX_LENGTH, options);
}

/** An agency: the `agency` claim of the node's issuer, e.g. `IMSS-Bienestar`. */
export const AGENCY_MAX_LENGTH = 200;

export function IsAgency(options: ValidationOptions = {}): PropertyDecorator {
  return IsText(AGENCY_MAX_LENGTH, options);
}

/**
 * Consultation themes are keys from a vocabulary the consultation defines, never free
 * text: insight counts are grouped by them, and free-text groups could single a person out.
 */
export const THEME_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const THEME_KEY_MAX_LENGTH = 64;

export function IsThemeKey(options: ValidationOptions = {}): PropertyDecorator {
  return composeDecorators(
    Matches(THEME_KEY_PATTERN, {
      message: '$property must be a lowercase-hyphenated key',
      ...options,
    }),
    MaxLength(THEME_KEY_MAX_LENGTH, options),
  );
}
