const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // "development" resolves @naperj/* to each lib's src, so tests need no build.
  testEnvironmentOptions: {
    customExportConditions: ['development', 'node', 'require', 'default'],
  },
};
