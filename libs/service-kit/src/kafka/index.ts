export * from './kafka.module';
export * from './kafka.tokens';
export * from './topic.provisioner';
