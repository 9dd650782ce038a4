export * from './cloud-event';
export * from './event-signature';
export * from './kafka-binding';
export * from './kafka-headers';
export * from './verify-shared-event';
