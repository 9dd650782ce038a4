export * from './create-test-app';
export * from './service-app.spec-helper';
export * from '../telemetry/testing/otlp-collector';
export * from './eventually';
export * from './read-topics';
export * from './null-header-values';
export * from './documented-responses';
