export * from './bootstrap/bootstrap-service';
export * from './bootstrap/service-root.module';
export * from './config/service-config';
export * from './health/health.controller';
export * from './health/health.module';
export * from './identity/service-identity';
