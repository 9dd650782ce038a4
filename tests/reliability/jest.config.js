/**
 * The reliability and security suite (docs/architecture.md, Guarantees), against the real
 * engines: `npm run test:reliability`, not part of `npm test`. The engines' setup is the
 * integration project's: it reuses running engines or starts them for the run.
 */
module.exports = {
  displayName: 'reliability',
  preset: '../../jest.preset.js',
  globalSetup: '<rootDir>/../integration/src/engines/global-setup.ts',
  globalTeardown: '<rootDir>/../integration/src/engines/global-teardown.ts',
  testTimeout: 60_000,
  // The outage tests stop the node's engines, which every other test of the suite runs on.
  maxWorkers: 1,
  // A test that fails while an engine is down can leave a client retrying it; the run must still end.
  forceExit: true,
};
