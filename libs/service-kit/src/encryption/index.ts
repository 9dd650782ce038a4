export * from './data-keys';
export * from './encryption.module';
export * from './field-cipher';
