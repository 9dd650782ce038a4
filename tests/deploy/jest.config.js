/**
 * The deployment files (Dockerfile, docker-compose.yml, k8s/, deploy/observability/) checked
 * against their schemas, their tools and the code: no engines, no Docker, no cluster.
 */
module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.js',
  // Builds or finds the tools once, before any test: kustomize, the schemas, promtool.
  globalSetup: '<rootDir>/src/support/global-setup.ts',
};
