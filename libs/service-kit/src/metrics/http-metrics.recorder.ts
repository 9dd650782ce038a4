import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AbstractHttpAdapter, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';

type Label = 'method' | 'route' | 'status';
const LABELS: Label[] = ['method', 'route', 'status'];

/**
 * Counts and times every HTTP response. It listens where the server receives the request and
 * records when the response is finished, so 404s and errors from middleware, guards, pipes
 * and filters are counted too, where an interceptor would miss them.
 */
@Injectable()
export class HttpMetricsRecorder implements OnModuleInit {
  private readonly requests: Counter<Label>;
  private readonly duration: Histogram<Label>;

  constructor(
    private readonly adapterHost: HttpAdapterHost<AbstractHttpAdapter<Server>>,
    metrics: MetricsRegistry,
  ) {
    this.requests = metrics.counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: LABELS,
    });
    this.duration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status',
      labelNames: LABELS,
    });
  }

  onModuleInit(): void {
    const server: Server | undefined = this.adapterHost.httpAdapter?.getHttpServer();
    server?.prependListener('request', (request: IncomingMessage, response: ServerResponse) => this.observe(request, response));
  }

  private observe(request: IncomingMessage, response: ServerResponse): void {
    const stopTimer = this.duration.startTimer();
    response.once('finish', () => {
      const labels = { method: request.method ?? 'UNKNOWN', route: routeTemplate(request), status: String(response.statusCode) };
      this.requests.inc(labels);
      stopTimer(labels);
    });
  }
}

/**
 * The route Express matched, e.g. `/api/v1/submissions/:id`: a label per raw URL would make a
 * series per id. Nest registers every route by its full path; the one relative route is its
 * 404 catch-all (`*path` in the global prefix's router), which matches nothing of ours.
 */
function routeTemplate(request: IncomingMessage): string {
  const { route } = request as IncomingMessage & { route?: { path?: unknown } };
  return typeof route?.path === 'string' && route.path.startsWith('/') ? route.path : 'unmatched';
}
