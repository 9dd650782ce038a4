export * from './telemetry.module';
export * from './telemetry.sdk';
export * from './trace-context';
