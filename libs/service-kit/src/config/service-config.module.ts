import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigModule, type ConfigFactory, type ConfigFactoryKeyHost, type ConfigObject, registerAs } from '@nestjs/config';

/**
 * The environment the service's configuration is read from: `bootstrapService`'s `env`
 * (`process.env` by default) or `createTestApp`'s.
 */
export const SERVICE_ENVIRONMENT = Symbol('SERVICE_ENVIRONMENT');

/** A service's own configuration namespace, read from the service's environment. */
export type ServiceConfigNamespace<T extends ConfigObject> = ((env: NodeJS.ProcessEnv) => T) & ConfigFactoryKeyHost<T>;

/**
 * A service's own configuration beside the kit's ServiceConfig, as a `registerAs(token, …)`
 * namespace: `load` reads and validates the environment the kit read (it throws
 * ConfigurationError naming each bad variable, which stops the service), never `process.env`
 * itself, so a test configures it through `createTestApp`'s `env`. Register it with
 * `ServiceConfigModule.forFeature(namespace)`; read it with `@Inject(namespace.KEY)` as
 * `ConfigType<typeof namespace>`, or with `ConfigService.get(token)`.
 */
export function registerServiceConfig<T extends ConfigObject>(token: string, load: (env: NodeJS.ProcessEnv) => T): ServiceConfigNamespace<T> {
  // ServiceConfigModule.forFeature calls it with the service's environment.
  return registerAs(token, load as unknown as ConfigFactory<T>) as unknown as ServiceConfigNamespace<T>;
}

/** Registers service configuration namespaces in the kit's ConfigModule, read from the service's environment. */
@Module({})
export class ServiceConfigModule {
  /** Global: makes SERVICE_ENVIRONMENT available to every namespace; ServiceRootModule imports it. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: ServiceConfigModule,
      global: true,
      providers: [{ provide: SERVICE_ENVIRONMENT, useValue: env }],
      exports: [SERVICE_ENVIRONMENT],
    };
  }

  /** `ConfigModule.forFeature(namespace)`, its factory given the service's environment. */
  static forFeature<T extends ConfigObject>(namespace: ServiceConfigNamespace<T>): DynamicModule {
    const feature = ConfigModule.forFeature(namespace as unknown as ConfigFactory<T>);
    const withEnvironment = (provider: Provider): Provider =>
      typeof provider === 'object' && 'provide' in provider && provider.provide === namespace.KEY && 'useFactory' in provider
        ? { ...provider, inject: [SERVICE_ENVIRONMENT] }
        : provider;
    return { ...feature, providers: (feature.providers ?? []).map(withEnvironment) };
  }
}
