import { jsonSchemaOf, withMembers } from '@naperj/contracts';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

export type ApiSchema = ApiResponseSchemaHost['schema'];

/**
 * A contract class's closed JSON Schema as an OpenAPI schema, with the members the API adds
 * to it (a closed schema cannot be extended by `allOf`).
 */
export function apiSchemaOf(type: Parameters<typeof jsonSchemaOf>[0], members: NonNullable<ApiSchema['properties']> = {}): ApiSchema {
  return withMembers(jsonSchemaOf(type) as ApiSchema, members);
}
