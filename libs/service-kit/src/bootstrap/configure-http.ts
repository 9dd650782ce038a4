import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { ServiceConfig } from '../config/service-config';
import { ASYNCAPI_PATH, setUpOpenApi } from '../openapi/openapi';

export { ASYNCAPI_PATH };
export const API_PREFIX = 'api/v1';
/** Where reporting serves its dashboard's scripts and styles; the dashboard itself is at `/`. */
export const DASHBOARD_ASSETS_PATH = 'dashboard';

/** Headers a browser client may send and read across origins (docs/architecture.md, REST conventions). */
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'Last-Event-ID', 'x-request-id'];
const CORS_RESPONSE_HEADERS = ['ETag', 'Location', 'Retry-After', 'x-request-id'];

/**
 * The HTTP edge every service shares, applied to an app created with `bodyParser: false`
 * and `bufferLogs: true`. Tests apply it too, so they exercise what production runs.
 */
export function configureHttp(app: NestExpressApplication, config: ServiceConfig): void {
  app.useLogger(app.get(Logger));
  app.use(
    // helmet's default policy allows scripts from this origin only, which is all Swagger UI
    // loads. The reporting dashboard sends a stricter policy of its own.
    helmet(),
  );
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.http.corsOrigins,
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_RESPONSE_HEADERS,
      maxAge: 600,
    });
  }
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/{*rest}', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: ASYNCAPI_PATH, method: RequestMethod.GET },
      { path: '/', method: RequestMethod.GET },
      { path: `${DASHBOARD_ASSETS_PATH}/{*asset}`, method: RequestMethod.GET },
    ],
  });
  setUpOpenApi(app, config);
}
