import { ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { type ClassType, nestedClassOf } from './collections';
import { ONLY_WHEN } from './conditional';
import { IS_HTTP_LINK } from './http-link';
import { IS_SUPPRESSIBLE_COUNT, K_ANONYMITY } from './k-anonymity';
import { IS_LANGUAGE_TAG, LANGUAGE_TAG_MAX_LENGTH, LANGUAGE_TAG_PATTERN } from './language-tag';
import { IS_LATER_THAN, IS_TIMESTAMP, TIMESTAMP_PATTERN } from './timestamp';
import { HAS_ORIGINAL_LANGUAGE } from './trilingual';
import { NAMES_OWN_ACCOUNTS } from '../events/review.events';

type SchemaOptions = NonNullable<Parameters<typeof targetConstructorToSchema>[1]>;
export type JsonSchema = ReturnType<typeof targetConstructorToSchema>;

const converters: SchemaOptions['additionalConverters'] = {
  // Nested classes are inlined instead of `$ref: '#/definitions/<Class>'`: a schema then
  // stands alone, embeds unchanged in AsyncAPI or OpenAPI documents, and two classes that
  // share a name elsewhere in the process cannot be confused.
  [ValidationTypes.NESTED_VALIDATION]: (meta) => {
    const nested = typeof meta.target === 'function' ? nestedClassOf(meta.target, meta.propertyName) : undefined;
    if (!nested) {
      throw new Error(`${String(meta.target)}.${meta.propertyName}: ` + 'declare nesting with NestedObject or NestedArray');
    }
    return jsonSchemaOf(nested);
  },
  [IS_TIMESTAMP]: { type: 'string', format: 'date-time', pattern: TIMESTAMP_PATTERN.source },
  [IS_HTTP_LINK]: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' },
  [IS_LANGUAGE_TAG]: { type: 'string', pattern: LANGUAGE_TAG_PATTERN.source, maxLength: LANGUAGE_TAG_MAX_LENGTH },
  [ONLY_WHEN]: (meta) => ({ description: `Only where \`${String(meta.constraints[0])}\` is "${String(meta.constraints[1])}".` }),
  [IS_LATER_THAN]: (meta) => ({ description: `Later than \`${String(meta.constraints[0])}\`.` }),
  [NAMES_OWN_ACCOUNTS]: { description: 'Names the account of each reviewer of the emitting country, and of no partner expert.' },
  [HAS_ORIGINAL_LANGUAGE]: (meta) => ({
    description: `Has text in the language named by \`${String(meta.constraints[0])}\`.`,
  }),
  [IS_SUPPRESSIBLE_COUNT]: (meta) => ({
    oneOf: [{ type: 'integer', minimum: K_ANONYMITY }, { type: 'null' }],
    description: `null when \`${String(meta.constraints[0])}\` is true.`,
  }),
};

const schemas = new Map<ClassType, JsonSchema>();

/**
 * The JSON Schema of a validated class, self-contained (no `$ref`) and closed
 * (`additionalProperties: false`), matching validation with `forbidNonWhitelisted`.
 */
export function jsonSchemaOf(type: ClassType): JsonSchema {
  let schema = schemas.get(type);
  if (!schema) {
    schema = {
      title: type.name,
      ...targetConstructorToSchema(type, { additionalConverters: converters }),
      additionalProperties: false,
    };
    schemas.set(type, schema);
  }
  return structuredClone(schema);
}

/**
 * `schema` with more members, still closed. `allOf` cannot extend a closed schema: its
 * `additionalProperties: false` refuses the members the other parts declare.
 */
export function withMembers<S extends { properties?: object }>(schema: S, properties: NonNullable<S['properties']>): S {
  return { ...schema, properties: { ...schema.properties, ...properties } };
}
