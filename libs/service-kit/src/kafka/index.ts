export * from './event-transport';
export * from './kafka.module';
export * from './kafka.tokens';
export * from './outbox-from-service-config';
export * from './topic.provisioner';
