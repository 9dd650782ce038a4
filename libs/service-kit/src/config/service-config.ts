import { COUNTRY_CODES, type CountryCode, localKafkaBrokers, localMongodbUri, localServicePort, type ServiceName } from '@naperj/contracts';
import { parseBrokers } from '@naperj/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Environment, type LOG_LEVELS } from './environment';

/** Everything a service is configured with, validated and typed. */
export interface ServiceConfig {
  service: ServiceName;
  country: CountryCode;
  /** The partner countries whose shared topics this node consumes. */
  peers: CountryCode[];
  http: {
    host: string;
    port: number;
    bodyLimit: string;
    /** Browser origins allowed to call the API; none by default (same origin only). */
    corsOrigins: string[];
    writesPerMinute: number;
  };
  kafka: {
    brokers: string[];
    /** `min.insync.replicas` of the topics it provisions; the cluster's default when unset. */
    minInsyncReplicas?: number;
  };
  mongodb: { uri: string };
  auth: {
    /** `urn:naperj:<cc>:issuer`: only this node's own issuer is accepted. */
    issuer: string;
    audience: 'naperj';
    jwksUrl?: string;
    publicKeyFile?: string;
    /** Where local runs keep generated private keys (git-ignored). */
    secretsDir: string;
  };
  events: {
    /** This node's Ed25519 event-signing key (a private JWK with `kid`); local dev keys when unset. */
    signingKeyFile?: string;
    /** Every country's trusted public keys (`{ "us": [JWK…], … }`); local dev keys when unset. */
    trustFile?: string;
  };
  log: { level: (typeof LOG_LEVELS)[number] };
  telemetry: { otlpEndpoint?: string };
}

/** A start-up configuration failure; its message lists every bad variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads and validates a service's environment; throws ConfigurationError listing every problem. */
export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv): ServiceConfig {
  // Empty values count as unset: container manifests often leave them blank.
  const raw = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(Environment, raw, { excludeExtraneousValues: false });
  const problems = validateSync(vars, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property} ${message} (got "${String(error.value)}")`),
  );
  if (problems.length > 0) throw new ConfigurationError(problems);

  const country = (vars.NODE_COUNTRY ?? 'mx') as CountryCode;
  const peers = (vars.FEDERATION_PEERS?.split(',') ?? COUNTRY_CODES.filter((c) => c !== country)) as CountryCode[];
  if (peers.includes(country)) {
    throw new ConfigurationError([`FEDERATION_PEERS must not include this node's own country "${country}"`]);
  }
  if (Boolean(vars.EVENT_SIGNING_KEY_FILE) !== Boolean(vars.EVENT_TRUST_FILE)) {
    throw new ConfigurationError(['EVENT_SIGNING_KEY_FILE and EVENT_TRUST_FILE go together: set both (production) or neither (local keys)']);
  }
  if (vars.AUTH_JWKS_URL && vars.AUTH_PUBLIC_KEY_FILE) {
    throw new ConfigurationError(['AUTH_JWKS_URL and AUTH_PUBLIC_KEY_FILE are exclusive: set one of them']);
  }

  return {
    service,
    country,
    peers: [...new Set(peers)],
    http: {
      host: vars.HOST ?? '127.0.0.1',
      port: vars.PORT === undefined ? localServicePort(country, service) : Number(vars.PORT),
      bodyLimit: vars.HTTP_BODY_LIMIT ?? '256kb',
      corsOrigins: vars.CORS_ORIGINS?.split(',') ?? [],
      writesPerMinute: Number(vars.RATE_LIMIT_WRITES_PER_MINUTE ?? 300),
    },
    kafka: {
      brokers: parseBrokers(vars.KAFKA_BROKERS ?? localKafkaBrokers(country)),
      minInsyncReplicas: vars.KAFKA_MIN_INSYNC_REPLICAS === undefined ? undefined : Number(vars.KAFKA_MIN_INSYNC_REPLICAS),
    },
    mongodb: { uri: vars.MONGODB_URI ?? localMongodbUri(country) },
    auth: {
      issuer: `urn:naperj:${country}:issuer`,
      audience: 'naperj',
      jwksUrl: vars.AUTH_JWKS_URL,
      publicKeyFile: vars.AUTH_PUBLIC_KEY_FILE,
      secretsDir: vars.NAPERJ_SECRETS_DIR ?? '.secrets',
    },
    events: { signingKeyFile: vars.EVENT_SIGNING_KEY_FILE, trustFile: vars.EVENT_TRUST_FILE },
    log: { level: (vars.LOG_LEVEL ?? 'info') as ServiceConfig['log']['level'] },
    telemetry: { otlpEndpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT },
  };
}
