import { SERVICE_KIT_VARIABLES } from './environment';
import { registerServiceConfig } from './service-config.module';

describe('registerServiceConfig', () => {
  it('gives the loader the variables it declares and nothing else', () => {
    const namespace = registerServiceConfig('example', ['DECLARED'], (env) => ({ declared: env.DECLARED, undeclared: env.UNDECLARED }));

    expect(namespace({ DECLARED: 'yes', UNDECLARED: 'no' })).toEqual({ declared: 'yes', undeclared: undefined });
    expect(namespace.variables).toEqual(['DECLARED']);
  });
});

describe('SERVICE_KIT_VARIABLES', () => {
  it('names every variable of the kit environment, once', () => {
    expect(SERVICE_KIT_VARIABLES).toEqual(
      expect.arrayContaining(['NODE_ENV', 'NODE_COUNTRY', 'KAFKA_BROKERS', 'MONGODB_URI', 'DATA_ENCRYPTION_KEY_FILE', 'OTEL_EXPORTER_OTLP_ENDPOINT']),
    );
    expect(new Set(SERVICE_KIT_VARIABLES).size).toBe(SERVICE_KIT_VARIABLES.length);
    expect(SERVICE_KIT_VARIABLES.every((name) => /^[A-Z][A-Z0-9_]+$/.test(name))).toBe(true);
  });
});
