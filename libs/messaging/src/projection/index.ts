export * from './upsert-if-newer';
export * from './partition-counters';
export * from './write-forward';
