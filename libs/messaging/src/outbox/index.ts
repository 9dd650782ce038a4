export * from './event-store';
export * from './event-too-large.error';
export * from './outbox.module';
export * from './outbox.relay';
export type { OutboxStats } from './outbox-queue';
export type { RelayLogger } from './relay-outage';
export * from './version-conflict.error';
export * from './duplicate-key';
