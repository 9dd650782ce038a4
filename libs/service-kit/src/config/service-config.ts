import { COUNTRY_CODES, type CountryCode, localKafkaBrokers, localMongodbUri, localServicePort, type ServiceName } from '@naperj/contracts';
import { type KafkaSecurity, parseBrokers } from '@naperj/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { Environment, type KAFKA_SASL_MECHANISMS, type LOG_LEVELS } from './environment';

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
  /** The brokers, and SASL/SCRAM and TLS when the cluster asks for them (plaintext by default). */
  kafka: {
    brokers: string[];
    /** `min.insync.replicas` of the topics it provisions; the cluster's default when unset. */
    minInsyncReplicas?: number;
  } & KafkaSecurity;
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
  /** The data keys of personal data at rest; a local key in the secrets folder when unset. */
  encryption: { keyFile?: string };
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

/**
 * Reads and validates a service's environment; throws ConfigurationError listing every problem.
 * With `NODE_ENV=production` nothing local is assumed: the country, the issuer's key (a file or
 * an https JWKS), the event-signing key and the trust file must be given, since a default
 * country or a generated key would make a node that no partner trusts.
 */
export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv): ServiceConfig {
  const vars = environmentOf(env);
  const problems = validationProblems(vars);
  // Secret files are read only once every value is well formed.
  const kafkaSecurity = problems.length === 0 ? readKafkaSecurity(vars, problems) : {};
  if (vars.NODE_ENV === 'production') problems.push(...productionProblems(service, vars));
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
      ...kafkaSecurity,
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
    encryption: { keyFile: vars.DATA_ENCRYPTION_KEY_FILE },
    log: { level: (vars.LOG_LEVEL ?? 'info') as ServiceConfig['log']['level'] },
    telemetry: { otlpEndpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT },
  };
}

/** The services that keep personal data (contact details, testimony), encrypted with the node's data key. */
export const PERSONAL_DATA_SERVICES: readonly ServiceName[] = ['expert-network', 'community-engagement'];

/** What production needs set, each named with why: local runs default or generate it. */
function productionProblems(service: ServiceName, vars: Environment): string[] {
  const problems: string[] = [];
  const needs = (name: string, why: string) => problems.push(`NODE_ENV=production needs ${name} (${why})`);
  if (!vars.NODE_COUNTRY) needs('NODE_COUNTRY', 'us, mx or ca; there is no default country in production');
  if (!vars.AUTH_PUBLIC_KEY_FILE && !vars.AUTH_JWKS_URL) {
    needs('AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL', "the issuer's verification key; no issuer key is generated in production");
  }
  if (!vars.EVENT_SIGNING_KEY_FILE) needs('EVENT_SIGNING_KEY_FILE', "this node's Ed25519 event-signing key; no key is generated in production");
  if (!vars.EVENT_TRUST_FILE) needs('EVENT_TRUST_FILE', "every country's trusted public keys; no key is generated in production");
  if (PERSONAL_DATA_SERVICES.includes(service) && !vars.DATA_ENCRYPTION_KEY_FILE) {
    needs('DATA_ENCRYPTION_KEY_FILE', 'the data key that encrypts personal data at rest; no key is generated in production');
  }
  // Keys fetched in the clear could be swapped on the way, and any token forged with them.
  if (vars.AUTH_JWKS_URL && !vars.AUTH_JWKS_URL.startsWith('https://')) {
    problems.push(`AUTH_JWKS_URL must be an https URL in production (got "${vars.AUTH_JWKS_URL}")`);
  }
  return problems;
}

type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** SASL/SCRAM and TLS of the Kafka client; secrets are read from their files now, so a missing one stops the start. */
/**
 * The Kafka client's SASL and TLS settings alone (`KAFKA_SASL_*`, `KAFKA_TLS*`), for tools that
 * reach a node's cluster as its services do; throws ConfigurationError listing every problem.
 */
export function loadKafkaSecurity(env: NodeJS.ProcessEnv): KafkaSecurity {
  const vars = environmentOf(env);
  const problems = validationProblems(vars).filter((problem) => problem.startsWith('KAFKA_'));
  const security = problems.length === 0 ? readKafkaSecurity(vars, problems) : {};
  if (problems.length > 0) throw new ConfigurationError(problems);
  return security;
}

function environmentOf(env: NodeJS.ProcessEnv): Environment {
  // Empty values count as unset: container manifests often leave them blank.
  const raw = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  return plainToInstance(Environment, raw, { excludeExtraneousValues: false });
}

function validationProblems(vars: Environment): string[] {
  return validateSync(vars, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property} ${message} (got "${String(error.value)}")`),
  );
}

function readKafkaSecurity(vars: Environment, problems: string[]): KafkaSecurity {
  const security: KafkaSecurity = {};
  const password = vars.KAFKA_SASL_PASSWORD_FILE
    ? readSecret('KAFKA_SASL_PASSWORD_FILE', vars.KAFKA_SASL_PASSWORD_FILE, problems)?.trim()
    : vars.KAFKA_SASL_PASSWORD;
  if (vars.KAFKA_SASL_PASSWORD && vars.KAFKA_SASL_PASSWORD_FILE) {
    problems.push('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are exclusive: set one of them');
  }
  if (vars.KAFKA_SASL_MECHANISM) {
    if (!vars.KAFKA_SASL_USERNAME || (!vars.KAFKA_SASL_PASSWORD && !vars.KAFKA_SASL_PASSWORD_FILE)) {
      problems.push('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and one of KAFKA_SASL_PASSWORD, KAFKA_SASL_PASSWORD_FILE');
    } else if (password !== undefined) {
      security.sasl = { mechanism: vars.KAFKA_SASL_MECHANISM as KafkaSaslMechanism, username: vars.KAFKA_SASL_USERNAME, password };
    }
  } else if (vars.KAFKA_SASL_USERNAME || vars.KAFKA_SASL_PASSWORD || vars.KAFKA_SASL_PASSWORD_FILE) {
    const given = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'].filter((name) => vars[name as keyof Environment]);
    problems.push(`${given.join(' and ')} need${given.length === 1 ? 's' : ''} KAFKA_SASL_MECHANISM (scram-sha-256 or scram-sha-512)`);
  }
  if (vars.KAFKA_TLS_CA_FILE && vars.KAFKA_TLS !== 'false') {
    const ca = readSecret('KAFKA_TLS_CA_FILE', vars.KAFKA_TLS_CA_FILE, problems);
    if (ca !== undefined) security.ssl = { ca: [ca] };
  } else if (vars.KAFKA_TLS === 'true') {
    security.ssl = true;
  }
  return security;
}

function readSecret(variable: string, file: string, problems: string[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${variable} cannot be read: ${(error as Error).message}`);
    return undefined;
  }
}
