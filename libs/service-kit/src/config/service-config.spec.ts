import { ConfigurationError, loadServiceConfig } from './service-config';

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
