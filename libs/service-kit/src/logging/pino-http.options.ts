import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import type { ServiceConfig } from '../config/service-config';
import { isProbeRequest } from '../telemetry/probe-requests';
import { currentTraceContext } from '../telemetry/trace-context';

export type LoggingConfig = Pick<ServiceConfig, 'service' | 'country' | 'log'>;

/** JSON lines for log collectors: one per event, correlated by request id and trace. */
export function pinoHttpOptions({ service, country, log }: LoggingConfig): Options {
  return {
    level: log.level,
    base: { service, country },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const trace = currentTraceContext();
      return trace ? { trace_id: trace.traceId, span_id: trace.spanId } : {};
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    // Lines logged during a request carry its id, not a copy of the whole request.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    customLogLevel: requestLogLevel,
  };
}

function requestLogLevel(request: IncomingMessage, response: ServerResponse, error?: Error) {
  if (isProbeRequest(request.url)) return 'debug';
  if (error !== undefined || response.statusCode >= 500) return 'error';
  return response.statusCode >= 400 ? 'warn' : 'info';
}
