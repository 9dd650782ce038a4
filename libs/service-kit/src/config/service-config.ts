import {
  COUNTRY_CODES,
  isCountryCode,
  localServicePort,
  type ServiceName,
} from '@naperj/contracts';
import { ServiceIdentity } from '../identity/service-identity';

export interface ServiceConfig {
  identity: ServiceIdentity;
  host: string;
  port: number;
}

/**
 * Reads where a service runs from its environment: `NODE_COUNTRY` (default `mx`),
 * `HOST` (default 127.0.0.1) and `PORT` (default: the local port table). Empty
 * values count as unset, as container manifests often leave them blank.
 */
export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv): ServiceConfig {
  const country = env.NODE_COUNTRY || 'mx';
  if (!isCountryCode(country)) {
    throw new Error(`NODE_COUNTRY must be one of ${COUNTRY_CODES.join(', ')}, got "${country}"`);
  }
  const port = env.PORT ? parsePort(env.PORT) : localServicePort(country, service);
  return {
    identity: new ServiceIdentity(service, country),
    host: env.HOST || '127.0.0.1',
    port,
  };
}

/** 0 is allowed: the operating system then picks a free port (used by tests). */
function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}
