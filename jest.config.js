// `npm test` runs every project's jest config, including tests/* (integration).
module.exports = {
  projects: ['<rootDir>/{libs,services,tests}/*/jest.config.js'],
  // A global option under `projects`: the integration suites wait on real engines.
  testTimeout: 60_000,
};
