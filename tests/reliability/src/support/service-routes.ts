import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';

/** An HTTP route as OpenAPI names it, e.g. `GET /api/v1/submissions/{id}`. */
export type RouteKey = `${Uppercase<string>} /${string}`;

const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of a service's OpenAPI document. */
export function documentedRoutes(document: OpenAPIObject): RouteKey[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    OPENAPI_METHODS.filter((method) => item[method] !== undefined).map((method): RouteKey => `${method.toUpperCase()} ${path}` as RouteKey),
  );
}

/**
 * Every HTTP handler the app's controllers declare, documented or not (the OpenAPI document
 * leaves out controllers such as the metrics' and the dashboard's), in OpenAPI's template
 * syntax and without the global prefix, which the controllers do not know.
 */
export function declaredRoutes(app: INestApplication): RouteKey[] {
  const routes = new Set<RouteKey>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        // Event handlers of the same controllers carry no HTTP method.
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        for (const controllerPath of paths(Reflect.getMetadata(PATH_METADATA, metatype))) {
          for (const handlerPath of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.add(`${RequestMethod[method]} ${templatePath(controllerPath, handlerPath)}` as RouteKey);
          }
        }
      }
    }
  }
  return [...routes];
}

/** Whether `route`, a full path, is `declared` (as declaredRoutes gives it) with or without `prefix`. */
export function servesDeclared(route: RouteKey, declared: RouteKey, prefix: string): boolean {
  return route === declared || route === declared.replace(' /', ` /${prefix}/`).replace(/\/$/, '');
}

function paths(metadata: unknown): string[] {
  if (metadata === undefined) return [''];
  return Array.isArray(metadata) ? (metadata as string[]) : [metadata as string];
}

/** `experts` + `:id/erasure` → `/experts/{id}/erasure`; `dashboard/*path` → `/dashboard/{path}`. */
function templatePath(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '');
  return `/${segments.map((segment) => segment.replace(/^[:*](\w+)$/, '{$1}')).join('/')}`;
}
