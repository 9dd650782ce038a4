export * from './submission-requests';
export * from './exchange-requests';
