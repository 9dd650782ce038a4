export * from './cloud-event-envelope';
