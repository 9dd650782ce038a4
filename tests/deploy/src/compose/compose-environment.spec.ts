import { COUNTRY_CODES, localServicePort } from '@naperj/contracts';
import { loadServiceConfig } from '@naperj/service-kit';
import { rmSync } from 'node:fs';
import { SERVICE_CONFIG_NAMESPACES, SERVICE_VARIABLES } from '../support/service-environment';
import {
  type ComposeService,
  containerEnvironment,
  generateSecrets,
  hostPathOf,
  mountOf,
  readCompose,
  readProperties,
  SECRETS_SOURCE,
  SERVICE_CONTAINERS,
} from './compose-file';
import { repoPath } from '../support/repo';

/**
 * Variables the services read that docker-compose.yml leaves unset on purpose, each with why.
 * Every other variable a service reads is set on each of its containers.
 */
const DELIBERATELY_UNSET: Readonly<Record<string, string>> = {
  KAFKA_SASL_PASSWORD: 'KAFKA_SASL_PASSWORD_FILE gives it from a mounted file; the two are exclusive, and a value here would put a secret in the environment',
  AUTH_JWKS_URL:
    "AUTH_PUBLIC_KEY_FILE gives the issuer's key from a mounted file; the two are exclusive (an agency whose issuer publishes an https JWKS sets this one instead)",
  NAPERJ_SECRETS_DIR: 'where local runs create their keys; a production node creates none',
};

const compose = readCompose();
const containerOf = (name: string): ComposeService => {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
};
const everyVariableRead = new Set(Object.values(SERVICE_VARIABLES).flat());
const sharesNetwork = (a: ComposeService, b: ComposeService) => (a.networks ?? []).some((network) => (b.networks ?? []).includes(network));

describe('docker-compose.yml: the services’ environment', () => {
  it('leaves unset only variables some service reads', () => {
    expect(Object.keys(DELIBERATELY_UNSET).filter((name) => !everyVariableRead.has(name))).toEqual([]);
  });

  describe.each(SERVICE_CONTAINERS)('$name', ({ country, service, name }) => {
    const container = containerOf(name);
    const env = containerEnvironment(container);

    it('sets every variable its service reads, except those left unset on purpose', () => {
      const missing = SERVICE_VARIABLES[service].filter((variable) => !(variable in env) && !(variable in DELIBERATELY_UNSET));
      expect(missing).toEqual([]);
    });

    it('sets no variable its service does not read, and none of those left unset on purpose', () => {
      expect(Object.keys(env).filter((variable) => !SERVICE_VARIABLES[service].includes(variable))).toEqual([]);
      expect(Object.keys(env).filter((variable) => variable in DELIBERATELY_UNSET)).toEqual([]);
    });

    it('runs in production mode as a node of its country, its partners being the two others', () => {
      expect(env.NODE_ENV).toBe('production');
      expect(env.NODE_COUNTRY).toBe(country);
      expect(env.FEDERATION_PEERS?.split(',').sort()).toEqual(COUNTRY_CODES.filter((c) => c !== country).sort());
    });

    it('listens on its contracts port on every interface of the container, published on the same port of the host’s loopback', () => {
      const port = localServicePort(country, service);
      expect(env.PORT).toBe(String(port));
      expect(env.HOST).toBe('0.0.0.0');
      expect(container.ports).toEqual([`127.0.0.1:${port}:${port}`]);
    });

    it("reaches its own country's Kafka on the clients listener, over SCRAM and TLS", () => {
      const kafka = containerOf(`${country}-kafka`);
      const clients = readProperties(repoPath('deploy', 'compose', 'kafka', `${country}.properties`));
      const advertised = clients.get('advertised.listeners')?.split(',') ?? [];
      expect(advertised).toContain(`CLIENTS://${env.KAFKA_BROKERS}`);
      expect(clients.get('listener.security.protocol.map')).toContain('CLIENTS:SASL_SSL');
      expect(sharesNetwork(container, kafka)).toBe(true);
      expect(env.KAFKA_SASL_MECHANISM).toBe(clients.get('sasl.enabled.mechanisms')?.toLowerCase());
      expect(env.KAFKA_TLS).toBe('true');
    });

    it("reaches its own country's MongoDB replica set, database naperj", () => {
      const mongodb = containerOf(`${country}-mongodb`);
      const uri = new URL(env.MONGODB_URI ?? '');
      expect(uri.protocol).toBe('mongodb:');
      expect(uri.host).toBe(`${country}-mongodb:27017`);
      expect(uri.pathname).toBe('/naperj');
      const replicaSet = mongodb.command?.[(mongodb.command?.indexOf('--replSet') ?? -2) + 1];
      expect(replicaSet).toBeDefined();
      expect(uri.searchParams.get('replicaSet')).toBe(replicaSet);
      expect(sharesNetwork(container, mongodb)).toBe(true);
    });

    it('sends its traces to the collector over OTLP/HTTP', () => {
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
      expect(sharesNetwork(container, containerOf('otel-collector'))).toBe(true);
    });

    it('finds every file it is given in a read-only mount of its secrets', () => {
      const files = Object.entries(env).filter(([variable]) => variable.endsWith('_FILE'));
      expect(files.length).toBeGreaterThan(0);
      for (const [variable, path] of files) {
        const found = mountOf(container, path);
        expect({ variable, mounted: found !== undefined && found.relative !== '' }).toEqual({ variable, mounted: true });
        expect({ variable, readOnly: found?.mount.readOnly, type: found?.mount.type }).toEqual({ variable, readOnly: true, type: 'bind' });
        expect(found?.mount.source.startsWith(`${SECRETS_SOURCE}/${country}/`)).toBe(true);
      }
    });
  });

  describe('with the keys the keys job creates', () => {
    let secrets: string;
    beforeAll(() => {
      secrets = generateSecrets();
    });
    afterAll(() => rmSync(secrets, { recursive: true, force: true }));

    /** The container's environment with its files where the job wrote them. */
    const onHost = (name: string): Record<string, string> => {
      const container = containerOf(name);
      const env = containerEnvironment(container);
      for (const [variable, path] of Object.entries(env)) {
        if (variable.endsWith('_FILE')) env[variable] = hostPathOf(container, path, { from: SECRETS_SOURCE, to: secrets }) ?? path;
      }
      return env;
    };

    it.each(SERVICE_CONTAINERS)('$name: the kit accepts the configuration in production mode', ({ country, service, name }) => {
      const config = loadServiceConfig(service, onHost(name));
      expect(config.country).toBe(country);
      expect(config.http.port).toBe(localServicePort(country, service));
      expect(config.kafka.sasl?.username).toBe(containerEnvironment(containerOf(name)).KAFKA_SASL_USERNAME);
      expect(config.kafka.ssl).toEqual({ ca: [expect.stringContaining('BEGIN CERTIFICATE')] });
      // A namespace is its own loader (registerServiceConfig): it throws on a value it refuses.
      for (const namespace of SERVICE_CONFIG_NAMESPACES[service])
        expect(() => (namespace as unknown as (env: NodeJS.ProcessEnv) => unknown)(onHost(name))).not.toThrow();
    });

    it.each(SERVICE_CONTAINERS)('$name: the kit refuses to start in production mode without what it requires', ({ service, name }) => {
      const env = onHost(name);
      const required = ['NODE_COUNTRY', 'EVENT_SIGNING_KEY_FILE', 'EVENT_TRUST_FILE', 'AUTH_PUBLIC_KEY_FILE'].filter((variable) => variable in env);
      expect(required).toHaveLength(4);
      for (const variable of required) {
        const { [variable]: _removed, ...without } = env;
        expect(() => loadServiceConfig(service, without)).toThrow(variable);
      }
    });
  });
});
