/**
 * The federation on the real engines: the global setup runs (or reuses) the three
 * countries' Kafka clusters with a MirrorMaker 2 each, and stops what it started.
 */
module.exports = {
  displayName: 'federation',
  preset: '../../jest.preset.js',
  globalSetup: '<rootDir>/src/global-setup.ts',
  globalTeardown: '<rootDir>/src/global-teardown.ts',
};
