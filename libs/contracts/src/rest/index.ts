export * from './submission-requests';
