import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_JSON, ProblemDetails } from '../errors/problem-details';
import type { ServiceConfig } from '../config/service-config';

/** The error responses any operation may give, documented once for all of them. */
const COMMON_PROBLEMS: Record<string, string> = {
  '400': 'Invalid input: unknown member, wrong type, or a database operator in the request',
  '401': 'Missing, expired or foreign bearer token',
  '403': 'The token lacks a required role, or the write targets another country',
  '429': 'Too many writes; retry after the Retry-After header',
  '500': 'Unexpected error, logged with the request id',
  '503': 'The database is unavailable',
};

/** The node's AsyncAPI document (docs/architecture.md, REST: reporting), served by reporting beside the versioned API. */
export const ASYNCAPI_PATH = 'api/asyncapi.json';

const PUBLIC_PATHS = new Set(['/health/live', '/health/ready', `/${ASYNCAPI_PATH}`]);

/** Serves the OpenAPI document at /api/docs-json and its UI at /api/docs. */
export function setUpOpenApi(app: INestApplication, config: ServiceConfig): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle(`naperj ${config.service} (${config.country})`)
    .setDescription(
      `The ${config.service} API of the ${config.country} node of the North American Partnership for Equity and Racial Justice. ` +
        'Errors are application/problem+json (RFC 9457); every response echoes x-request-id.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `EdDSA JWT issued by urn:naperj:${config.country}:issuer` })
    .addSecurityRequirements('bearer')
    .build();
  const document = withCommonProblems(SwaggerModule.createDocument(app, base, { extraModels: [ProblemDetails] }));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  return document;
}

function withCommonProblems(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as unknown[]) {
      if (!isOperation(operation)) continue;
      if (PUBLIC_PATHS.has(path)) operation.security = [];
      for (const [status, description] of Object.entries(COMMON_PROBLEMS)) {
        if (PUBLIC_PATHS.has(path) && status !== '503') continue;
        operation.responses[status] ??= {
          description,
          content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        };
      }
    }
  }
  return document;
}

/** Whether a member of a path item is an operation (not its `summary`, `servers`, `parameters`…). */
function isOperation(member: unknown): member is OperationObject {
  return typeof member === 'object' && member !== null && 'responses' in member;
}
