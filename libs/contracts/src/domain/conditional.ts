import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { composeDecorators } from './compose-decorators';

export const ONLY_WHEN = 'onlyWhen';

/**
 * A member that belongs only where the sibling `property` has `value`, e.g. a submission id
 * only in an outcome of kind `submission`: required there, refused anywhere else. The
 * member's own rules apply where it belongs.
 */
export function OnlyWhen(property: string, value: string, options: ValidationOptions = {}): PropertyDecorator {
  return composeDecorators(
    ValidateIf((object: Record<string, unknown>, own: unknown) => object[property] === value || own !== undefined),
    (target, propertyKey) =>
      registerDecorator({
        name: ONLY_WHEN,
        target: target.constructor,
        propertyName: String(propertyKey),
        constraints: [property, value],
        options: { message: `$property belongs only where ${property} is "${value}"`, ...options },
        validator: { validate: (_own, args) => (args?.object as Record<string, unknown>)[property] === value },
      }),
  );
}

/**
 * A member that may be left out, but not sent as null: its schema names its type alone, and
 * `IsOptional` would let null through to be stored. A JSON merge patch, where null removes a
 * member, keeps `IsOptional`.
 */
export function Omittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, own: unknown) => own !== undefined, options);
}
