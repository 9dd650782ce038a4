/**
 * Integration tests against the real engines: the global setup starts the mx node's
 * Kafka and FerretDB (or reuses running ones) and stops what it started.
 */
module.exports = {
  displayName: 'integration',
  preset: '../../jest.preset.js',
  globalSetup: '<rootDir>/src/engines/global-setup.ts',
  globalTeardown: '<rootDir>/src/engines/global-teardown.ts',
};
