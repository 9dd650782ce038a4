// `npm test` (tests/run-tests.mts) runs these projects, then tests/e2e on its own; tests/reliability
// runs apart (`npm run test:reliability`).
module.exports = {
  projects: ['<rootDir>/{libs,services}/*/jest.config.js', '<rootDir>/tests/!(e2e|reliability)/jest.config.js'],
  // A global option under `projects`: the integration suites wait on real engines.
  testTimeout: 60_000,
  // Jest's default on two cores is one worker; the integration suites mostly wait on the engines.
  maxWorkers: 2,
};
