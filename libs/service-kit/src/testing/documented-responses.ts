import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * What a body breaks of the response schema an app's OpenAPI document gives for
 * `method path status`, as schemathesis checks it: for a test of a controller's documentation
 * against the values it answers, without engines.
 */
export type ResponseSchemaCheck = (method: string, path: string, status: number, body: unknown) => ErrorObject[];

export function documentedResponses(app: INestApplication): ResponseSchemaCheck {
  const document: OpenAPIObject = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  // OpenAPI's own keywords (example, nullable) are no JSON Schema: not strict.
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true })).addSchema(document, 'openapi');
  return (method, path, status, body) => {
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema']
      .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    const validate = ajv.compile({ $ref: `openapi#/${pointer}` });
    return validate(body) ? [] : (validate.errors ?? []);
  };
}
