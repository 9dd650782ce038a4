/**
 * End-to-end tests of the federation as its users drive it: the global setup runs
 * `npm start`'s launcher for the three nodes (engines, MirrorMaker 2, twelve services, seed)
 * and stops it afterwards. One worker: the suites share the one federation.
 */
module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  globalSetup: '<rootDir>/src/federation/global-setup.ts',
  globalTeardown: '<rootDir>/src/federation/global-teardown.ts',
  maxWorkers: 1,
  testSequencer: '<rootDir>/restart-last.sequencer.js',
  testTimeout: 120_000,
};
