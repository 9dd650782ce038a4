export * from './kafka/create-kafka';
export * from './kafka/parse-brokers';
export * from './topics/provision-topics';
export * from './topics/topic-config';
export * from './envelope';
export * from './keys';
export * from './consumer';
export * from './outbox';
