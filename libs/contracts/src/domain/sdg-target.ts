import { Matches, type ValidationOptions } from 'class-validator';

/** A UN SDG target: goal 1–17, then a target number (`10.2`) or letter (`16.b`). */
export const SDG_TARGET_PATTERN = /^(?:[1-9]|1[0-7])\.(?:[1-9]\d?|[a-z])$/;

export function isSdgTarget(value: unknown): value is string {
  return typeof value === 'string' && SDG_TARGET_PATTERN.test(value);
}

export function IsSdgTarget(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(SDG_TARGET_PATTERN, {
    message: '$property must be an SDG target such as 10.2 or 16.b',
    ...options,
  });
}
