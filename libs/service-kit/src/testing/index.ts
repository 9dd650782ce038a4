export * from './create-test-app';
