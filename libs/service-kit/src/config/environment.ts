import { COUNTRY_CODES } from '@naperj/contracts';
import { parseBrokers } from '@naperj/messaging';
import { getMetadataStorage, IsIn, IsOptional, IsUrl, Matches, registerDecorator, type ValidationOptions } from 'class-validator';

const COUNTRY_LIST = new RegExp(`^(?:(?:${COUNTRY_CODES.join('|')})(?:,(?:${COUNTRY_CODES.join('|')}))*)?$`);
const ORIGIN_LIST = /^(?:https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:,https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?)*)?$/;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The SASL mechanisms the services' Kafka client may authenticate with: SCRAM, never plain passwords on the wire. */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;

function IsKafkaBrokerList(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isKafkaBrokerList',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown) {
          try {
            return typeof value === 'string' && parseBrokers(value).length > 0;
          } catch {
            return false;
          }
        },
        defaultMessage: () => 'must be a comma-separated list of host:port, e.g. "127.0.0.1:29092"',
      },
    });
}

/**
 * The environment variables a service reads, as they arrive (strings). Every variable is
 * optional: its default serves the local federation (docs/architecture.md, Ports), except
 * those `NODE_ENV=production` requires (see loadServiceConfig).
 */
export class Environment {
  /** `production` refuses local defaults and generated keys; any other value is a local run. */
  @IsOptional()
  NODE_ENV?: string;

  @IsOptional()
  @IsIn(COUNTRY_CODES, { message: `must be one of ${COUNTRY_CODES.join(', ')}` })
  NODE_COUNTRY?: string;

  @IsOptional()
  @Matches(COUNTRY_LIST, { message: `must be a comma-separated list of ${COUNTRY_CODES.join(', ')}` })
  FEDERATION_PEERS?: string;

  @IsOptional()
  @IsKafkaBrokerList()
  KAFKA_BROKERS?: string;

  /** `min.insync.replicas` of every topic the service provisions (docs/architecture.md, Topics). */
  @IsOptional()
  @Matches(/^[1-9]\d?$/, { message: 'must be a positive integer (in-sync replicas a write needs)' })
  KAFKA_MIN_INSYNC_REPLICAS?: string;

  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS, { message: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` })
  KAFKA_SASL_MECHANISM?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a user name without spaces' })
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  KAFKA_SASL_PASSWORD?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a file path' })
  KAFKA_SASL_PASSWORD_FILE?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  KAFKA_TLS?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a file path' })
  KAFKA_TLS_CA_FILE?: string;

  @IsOptional()
  @Matches(/^mongodb(?:\+srv)?:\/\/\S+$/, { message: 'must be a mongodb:// or mongodb+srv:// connection string' })
  MONGODB_URI?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9.:-]+$/, { message: 'must be a host name or IP address' })
  HOST?: string;

  @IsOptional()
  @Matches(/^(?:6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]?\d{1,4})$/, {
    message: 'must be an integer from 0 to 65535',
  })
  PORT?: string;

  @IsOptional()
  @Matches(/^\d{1,6}(?:b|kb|mb)$/, { message: 'must be a size such as "256kb" or "1mb"' })
  HTTP_BODY_LIMIT?: string;

  @IsOptional()
  @Matches(ORIGIN_LIST, { message: 'must be a comma-separated list of origins such as "https://dashboard.example.org"' })
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/, { message: 'must be a positive integer (requests per minute and client)' })
  RATE_LIMIT_WRITES_PER_MINUTE?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a file path' })
  AUTH_PUBLIC_KEY_FILE?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a folder path' })
  NAPERJ_SECRETS_DIR?: string;

  /** The node's data keys (base64, one per line, the current first) for personal data at rest. */
  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a file path' })
  DATA_ENCRYPTION_KEY_FILE?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a file path' })
  EVENT_SIGNING_KEY_FILE?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'must be a file path' })
  EVENT_TRUST_FILE?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

/** Every variable the kit reads for every service: deployment manifests are checked against it. */
export const SERVICE_KIT_VARIABLES: readonly string[] = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(Environment, '', true, false)
      .map((metadata) => metadata.propertyName),
  ),
];
