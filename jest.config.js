// `npm test` (tests/run-tests.mts) runs these projects, then tests/e2e on its own.
module.exports = {
  projects: ['<rootDir>/{libs,services}/*/jest.config.js', '<rootDir>/tests/!(e2e)/jest.config.js'],
  // A global option under `projects`: the integration suites wait on real engines.
  testTimeout: 60_000,
};
