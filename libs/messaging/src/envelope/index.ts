export * from './cloud-event';
export * from './event-signature';
export * from './kafka-binding';
export * from './verify-shared-event';
