export * from './country/country-code';
export * from './service/service-name';
export * from './topics/topic-names';
export * from './topics/topic-specs';
export * from './ports/local-service-port';
export * from './auth/roles';
export * from './domain';
export * from './events';
