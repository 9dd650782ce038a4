import { registerDecorator, type ValidationOptions } from 'class-validator';

/** RFC 3339 in UTC with milliseconds, as `Date.prototype.toISOString` writes it (and `ce_time`). */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP_PATTERN.test(value)) return false;
  const time = new Date(value);
  // The round trip rejects dates that match the pattern but do not exist (e.g. 02-30).
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}

export const IS_TIMESTAMP = 'isTimestamp';

export function IsTimestamp(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: IS_TIMESTAMP,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: '$property must be a UTC timestamp with milliseconds, e.g. 2026-11-03T17:20:05.123Z',
        ...options,
      },
      validator: { validate: isTimestamp },
    });
  };
}

export const IS_LATER_THAN = 'isLaterThan';

/**
 * A timestamp later than the one in the sibling property `earlier` (e.g. a due time after the
 * creation). Timestamps in this form sort as the times they name; without the sibling there is
 * nothing to compare, and its own rule reports it.
 */
export function IsLaterThan(earlier: string, options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: IS_LATER_THAN,
      target: target.constructor,
      propertyName: String(propertyKey),
      constraints: [earlier],
      options: { message: `$property must be later than ${earlier}`, ...options },
      validator: {
        validate: (value, args) => {
          const before = (args?.object as Record<string, unknown>)[earlier];
          return !isTimestamp(before) || (isTimestamp(value) && value > before);
        },
      },
    });
  };
}
