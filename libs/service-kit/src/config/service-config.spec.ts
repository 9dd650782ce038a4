import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadKafkaSecurity, loadServiceConfig } from './service-config';

describe('loadServiceConfig', () => {
  it('defaults to the mx node of the local federation', () => {
    expect(loadServiceConfig('reporting', {})).toEqual({
      service: 'reporting',
      country: 'mx',
      peers: ['us', 'ca'],
      http: { host: '127.0.0.1', port: 4204, bodyLimit: '256kb', corsOrigins: [], writesPerMinute: 300 },
      kafka: { brokers: ['127.0.0.1:29092'] },
      mongodb: { uri: 'mongodb://127.0.0.1:27027/naperj' },
      auth: { issuer: 'urn:naperj:mx:issuer', audience: 'naperj', jwksUrl: undefined, publicKeyFile: undefined, secretsDir: '.secrets' },
      events: { signingKeyFile: undefined, trustFile: undefined },
      encryption: { keyFile: undefined },
      log: { level: 'info' },
      telemetry: { otlpEndpoint: undefined },
    });
  });

  it.each([
    ['us', 'submissions', 4101, '127.0.0.1:19092'],
    ['ca', 'community-engagement', 4303, '127.0.0.1:39092'],
  ] as const)('derives the %s %s defaults from the port table', (country, service, port, brokers) => {
    const config = loadServiceConfig(service, { NODE_COUNTRY: country });
    expect(config.http.port).toBe(port);
    expect(config.kafka.brokers).toEqual([brokers]);
    expect(config.auth.issuer).toBe(`urn:naperj:${country}:issuer`);
  });

  it('takes every variable from the environment', () => {
    const config = loadServiceConfig('submissions', {
      NODE_COUNTRY: 'ca',
      FEDERATION_PEERS: 'mx',
      KAFKA_BROKERS: 'kafka-0.ca:9092, kafka-1.ca:9092',
      MONGODB_URI: 'mongodb://db.ca:27017/naperj?replicaSet=rs0',
      HOST: '0.0.0.0',
      PORT: '8080',
      HTTP_BODY_LIMIT: '1mb',
      CORS_ORIGINS: 'https://dashboard.ca.example,http://localhost:5173',
      RATE_LIMIT_WRITES_PER_MINUTE: '60',
      AUTH_JWKS_URL: 'https://issuer.ca.example/.well-known/jwks.json',
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    });
    expect(config).toMatchObject({
      country: 'ca',
      peers: ['mx'],
      kafka: { brokers: ['kafka-0.ca:9092', 'kafka-1.ca:9092'] },
      mongodb: { uri: 'mongodb://db.ca:27017/naperj?replicaSet=rs0' },
      http: { host: '0.0.0.0', port: 8080, bodyLimit: '1mb', corsOrigins: ['https://dashboard.ca.example', 'http://localhost:5173'], writesPerMinute: 60 },
      auth: { jwksUrl: 'https://issuer.ca.example/.well-known/jwks.json' },
      log: { level: 'debug' },
      telemetry: { otlpEndpoint: 'http://otel-collector:4318' },
    });
  });

  it('sets min.insync.replicas of the topics a service provisions from KAFKA_MIN_INSYNC_REPLICAS, the cluster default when unset', () => {
    expect(loadServiceConfig('submissions', {}).kafka.minInsyncReplicas).toBeUndefined();
    expect(loadServiceConfig('submissions', { KAFKA_MIN_INSYNC_REPLICAS: '2' }).kafka.minInsyncReplicas).toBe(2);
    expect(() => loadServiceConfig('submissions', { KAFKA_MIN_INSYNC_REPLICAS: '0' })).toThrow(
      'KAFKA_MIN_INSYNC_REPLICAS must be a positive integer (in-sync replicas a write needs) (got "0")',
    );
  });

  it('treats empty values as unset', () => {
    expect(loadServiceConfig('submissions', { NODE_COUNTRY: '', PORT: '', KAFKA_BROKERS: '' }).http.port).toBe(4201);
  });

  it('lists every bad variable in one error, each by name', () => {
    const attempt = () => loadServiceConfig('submissions', { NODE_COUNTRY: 'br', KAFKA_BROKERS: 'localhost', PORT: '70000', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigurationError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigurationError).problems;
      expect(problems).toHaveLength(4);
      expect(problems).toEqual(
        expect.arrayContaining([
          'NODE_COUNTRY must be one of us, mx, ca (got "br")',
          'KAFKA_BROKERS must be a comma-separated list of host:port, e.g. "127.0.0.1:29092" (got "localhost")',
          'PORT must be an integer from 0 to 65535 (got "70000")',
          'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        ]),
      );
      expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}- /);
    }
  });

  it('rejects a node that names itself as its peer', () => {
    expect(() => loadServiceConfig('submissions', { NODE_COUNTRY: 'mx', FEDERATION_PEERS: 'us,mx' })).toThrow(
      `FEDERATION_PEERS must not include this node's own country "mx"`,
    );
  });

  it('needs the event signing key and the trust file together', () => {
    expect(() => loadServiceConfig('submissions', { EVENT_SIGNING_KEY_FILE: '/run/secrets/events.jwk' })).toThrow(
      'EVENT_SIGNING_KEY_FILE and EVENT_TRUST_FILE go together',
    );
  });

  it('rejects two sources of verification keys at once', () => {
    expect(() => loadServiceConfig('submissions', { AUTH_JWKS_URL: 'https://issuer.example/jwks', AUTH_PUBLIC_KEY_FILE: '/run/secrets/issuer.jwk' })).toThrow(
      'AUTH_JWKS_URL and AUTH_PUBLIC_KEY_FILE are exclusive',
    );
  });
});

describe('loadServiceConfig in production (NODE_ENV=production)', () => {
  const secrets = mkdtempSync(join(tmpdir(), 'naperj-config-'));
  const file = (name: string, content: string) => {
    const path = join(secrets, name);
    writeFileSync(path, content);
    return path;
  };
  const production = {
    NODE_ENV: 'production',
    NODE_COUNTRY: 'ca',
    AUTH_JWKS_URL: 'https://issuer.ca.example/.well-known/jwks.json',
    EVENT_SIGNING_KEY_FILE: '/run/secrets/event-signing.jwk.json',
    EVENT_TRUST_FILE: '/run/secrets/trust.json',
  };

  function problemsOf(env: NodeJS.ProcessEnv): string[] {
    try {
      loadServiceConfig('submissions', env);
    } catch (error) {
      if (error instanceof ConfigurationError) return error.problems;
      throw error;
    }
    return [];
  }

  it('starts with an explicit country, the issuer key, the event-signing key and the trust file', () => {
    expect(loadServiceConfig('submissions', production)).toMatchObject({
      country: 'ca',
      auth: { jwksUrl: production.AUTH_JWKS_URL },
      events: { signingKeyFile: production.EVENT_SIGNING_KEY_FILE, trustFile: production.EVENT_TRUST_FILE },
    });
    expect(
      loadServiceConfig('submissions', { ...production, AUTH_JWKS_URL: '', AUTH_PUBLIC_KEY_FILE: '/run/secrets/issuer.jwk.json' }).auth.publicKeyFile,
    ).toBe('/run/secrets/issuer.jwk.json');
  });

  it.each([
    ['NODE_COUNTRY', { NODE_COUNTRY: '' }, 'NODE_COUNTRY'],
    ['the issuer key', { AUTH_JWKS_URL: '' }, 'AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL'],
    ['the event-signing key', { EVENT_SIGNING_KEY_FILE: '' }, 'EVENT_SIGNING_KEY_FILE'],
    ['the trust file', { EVENT_TRUST_FILE: '' }, 'EVENT_TRUST_FILE'],
  ])('refuses to start without %s, naming it', (_what, unset, name) => {
    const problems = problemsOf({ ...production, ...unset });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^NODE_ENV=production needs ${name} `)) as unknown]);
  });

  it('names everything missing at once when nothing is set', () => {
    const attempt = () => loadServiceConfig('submissions', { NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigurationError);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^NODE_ENV=production needs NODE_COUNTRY /) as unknown,
      expect.stringMatching(/^NODE_ENV=production needs AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_URL /) as unknown,
      expect.stringMatching(/^NODE_ENV=production needs EVENT_SIGNING_KEY_FILE /) as unknown,
      expect.stringMatching(/^NODE_ENV=production needs EVENT_TRUST_FILE /) as unknown,
    ]);
  });

  it('needs the data key in the services that keep personal data, and only there', () => {
    for (const service of ['expert-network', 'community-engagement'] as const) {
      expect(() => loadServiceConfig(service, production)).toThrow(/NODE_ENV=production needs DATA_ENCRYPTION_KEY_FILE /);
      expect(loadServiceConfig(service, { ...production, DATA_ENCRYPTION_KEY_FILE: '/run/secrets/data.key' }).encryption.keyFile).toBe('/run/secrets/data.key');
    }
    expect(loadServiceConfig('reporting', production).encryption.keyFile).toBeUndefined();
  });

  it('refuses a JWKS fetched over http', () => {
    expect(problemsOf({ ...production, AUTH_JWKS_URL: 'http://issuer.ca.example/jwks' })).toEqual([
      'AUTH_JWKS_URL must be an https URL in production (got "http://issuer.ca.example/jwks")',
    ]);
    // Outside production a local issuer may serve its keys over http.
    expect(loadServiceConfig('submissions', { AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).auth.jwksUrl).toBe('http://127.0.0.1:8080/jwks');
  });

  it('reports bad values and missing production settings in the same message', () => {
    expect(
      problemsOf({
        NODE_ENV: 'production',
        NODE_COUNTRY: 'ca',
        LOG_LEVEL: 'loud',
        AUTH_JWKS_URL: 'https://issuer.ca.example/jwks',
        EVENT_TRUST_FILE: '/t.json',
      }),
    ).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      expect.stringMatching(/^NODE_ENV=production needs EVENT_SIGNING_KEY_FILE /) as unknown,
    ]);
  });

  describe('the Kafka client', () => {
    it('connects in plaintext without SASL by default', () => {
      const { kafka } = loadServiceConfig('submissions', {});
      expect(kafka.ssl).toBeUndefined();
      expect(kafka.sasl).toBeUndefined();
    });

    it('authenticates with SASL/SCRAM over TLS, the password and the certificate authority read from files', () => {
      const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      const { kafka } = loadServiceConfig('submissions', {
        ...production,
        KAFKA_BROKERS: 'kafka-0.ca:9093',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'ca-submissions',
        KAFKA_SASL_PASSWORD_FILE: file('kafka-password', 's3cret\n'),
        KAFKA_TLS_CA_FILE: file('kafka-ca.pem', ca),
      });
      expect(kafka).toEqual({
        brokers: ['kafka-0.ca:9093'],
        sasl: { mechanism: 'scram-sha-512', username: 'ca-submissions', password: 's3cret' },
        ssl: { ca: [ca] },
      });
    });

    it('takes the password itself, and TLS with the system authorities', () => {
      const { kafka } = loadServiceConfig('submissions', {
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'mx-reporting',
        KAFKA_SASL_PASSWORD: 'pw',
        KAFKA_TLS: 'true',
      });
      expect(kafka).toMatchObject({ sasl: { mechanism: 'scram-sha-256', username: 'mx-reporting', password: 'pw' }, ssl: true });
    });

    it('names every incomplete or unreadable Kafka security setting', () => {
      expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_TLS: 'yes', KAFKA_TLS_CA_FILE: join(secrets, 'missing.pem') }).sort()).toEqual(
        ['KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512 (got "gssapi")', 'KAFKA_TLS must be true or false (got "yes")'].sort(),
      );
      expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_TLS_CA_FILE: join(secrets, 'missing.pem') })).toEqual([
        'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and one of KAFKA_SASL_PASSWORD, KAFKA_SASL_PASSWORD_FILE',
        expect.stringMatching(/^KAFKA_TLS_CA_FILE cannot be read: .*ENOENT/) as unknown,
      ]);
      expect(problemsOf({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
        'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (scram-sha-256 or scram-sha-512)',
      ]);
    });
  });
});

describe('loadKafkaSecurity', () => {
  it("reads the services' SASL and TLS settings alone, whatever else the environment holds", () => {
    const env = { NODE_COUNTRY: 'xx', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'mx-ops', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_TLS: 'true' };
    expect(loadKafkaSecurity(env)).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'mx-ops', password: 's3cret' }, ssl: true });
    expect(loadKafkaSecurity({})).toEqual({});
  });

  it('names every problem of those settings', () => {
    const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
      try {
        loadKafkaSecurity(env);
        return [];
      } catch (error) {
        return error instanceof ConfigurationError ? error.problems : [String(error)];
      }
    };
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_TLS: 'yes' })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_MECHANISM must be one of/),
      expect.stringMatching(/^KAFKA_TLS must be true or false/),
    ]);
  });
});
