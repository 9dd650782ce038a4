import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The smallest count a node may store for sharing or show (docs/architecture.md, REST: community-engagement): a smaller
 * group could identify the people in it.
 */
export const K_ANONYMITY = 5;

export const IS_SUPPRESSIBLE_COUNT = 'isSuppressibleCount';

/**
 * A count that is `null` when the sibling flag `suppressedProperty` is true (a small
 * count, or one hidden by complementary suppression), else an integer of at least k.
 */
export function IsSuppressibleCount(suppressedProperty: string, options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: IS_SUPPRESSIBLE_COUNT,
      target: target.constructor,
      propertyName: String(propertyKey),
      constraints: [suppressedProperty],
      options: {
        message: `$property must be null when ${suppressedProperty} is true, ` + `else an integer of at least ${K_ANONYMITY}`,
        ...options,
      },
      validator: {
        validate: (value, args) =>
          (args?.object as Record<string, unknown>)[suppressedProperty] === true ? value === null : Number.isInteger(value) && (value as number) >= K_ANONYMITY,
      },
    });
  };
}
