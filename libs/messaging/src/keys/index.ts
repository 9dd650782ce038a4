export * from './event-signing-keys';
export * from './key-pair.store';
export * from './trust-file.watcher';
