import { Module, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type AbstractHttpAdapter, HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream, destination } from 'pino';
import type { ServiceConfig } from '../config/service-config';
import { pinoHttpOptions } from './pino-http.options';
import { assignRequestId } from './request-id';

/** Where log lines go: stdout, unless a test overrides this provider to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * Logs through pino (nestjs-pino's Logger replaces Nest's once the app calls `useLogger`),
 * one line per request, each line with the request id and the active trace. Needs the global
 * ConfigService of a ServiceConfig.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useFactory: () => destination(1) }],
      inject: [ConfigService, LOG_DESTINATION],
      useFactory: (config: ConfigService<ServiceConfig, true>, stream: DestinationStream) => ({
        pinoHttp: [
          pinoHttpOptions({
            service: config.get('service', { infer: true }),
            country: config.get('country', { infer: true }),
            log: config.get('log', { infer: true }),
          }),
          stream,
        ],
      }),
    }),
  ],
})
export class LoggingModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost<AbstractHttpAdapter<Server>>) {}

  /**
   * The id is assigned where the server receives the request, before any express middleware:
   * pino-http's middleware runs only on routes Nest knows, so responses from the body
   * parser, or 404s outside the global prefix, would otherwise go without one.
   */
  onModuleInit(): void {
    const server: Server | undefined = this.adapterHost.httpAdapter?.getHttpServer();
    server?.prependListener('request', assignRequestId);
  }
}
