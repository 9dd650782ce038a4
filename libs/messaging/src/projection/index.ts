export * from './upsert-if-newer';
