// class-transformer's @Type reads `design:type` through Reflect.getMetadata.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';
import { composeDecorators } from './compose-decorators';
import { IsText } from './text';

/** A list of distinct values drawn from `values`, e.g. a submission's action areas. */
export function IsSubsetOf(values: readonly string[], { minSize = 0 }: { minSize?: number } = {}): PropertyDecorator {
  return composeDecorators(IsArray(), ArrayUnique(), ArrayMinSize(minSize), ArrayMaxSize(values.length), IsIn(values, { each: true }));
}

/** A list of distinct non-blank strings. */
export function IsTextList({ maxSize, maxLength }: { maxSize: number; maxLength: number }): PropertyDecorator {
  return composeDecorators(IsArray(), ArrayUnique(), ArrayMaxSize(maxSize), IsText(maxLength, { each: true }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any class shape
export type ClassType = new (...args: any[]) => object;

/**
 * class-transformer records nested types in a storage it does not export; this registry
 * gives the JSON Schema generator the same answer (see json-schema.ts).
 */
const nestedClasses = new Map<object, Map<string, () => ClassType>>();

export function nestedClassOf(owner: object, propertyName: string): ClassType | undefined {
  return nestedClasses.get(owner)?.get(propertyName)?.();
}

function registerNestedClass(type: () => ClassType): PropertyDecorator {
  return (target, propertyKey) => {
    const properties = nestedClasses.get(target.constructor) ?? new Map<string, () => ClassType>();
    properties.set(String(propertyKey), type);
    nestedClasses.set(target.constructor, properties);
  };
}

/**
 * One nested object validated as `type`. `IsObject` matters: `ValidateNested` alone
 * accepts an array of valid objects where one object is expected.
 */
export function NestedObject(type: () => ClassType): PropertyDecorator {
  return composeDecorators(IsObject(), ValidateNested(), Type(type), registerNestedClass(type));
}

/** A bounded list of nested objects validated as `type`. */
export function NestedArray(type: () => ClassType, { minSize = 0, maxSize }: { minSize?: number; maxSize: number }): PropertyDecorator {
  return composeDecorators(
    IsArray(),
    ArrayMinSize(minSize),
    ArrayMaxSize(maxSize),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
    registerNestedClass(type),
  );
}
