import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigModule, type ConfigFactory, type ConfigFactoryKeyHost, type ConfigObject, registerAs } from '@nestjs/config';

/**
 * The environment the service's configuration is read from: `bootstrapService`'s `env`
 * (`process.env` by default) or `createTestApp`'s.
 */
export const SERVICE_ENVIRONMENT = Symbol('SERVICE_ENVIRONMENT');

/** A service's own configuration namespace, read from the service's environment. */
export type ServiceConfigNamespace<T extends ConfigObject> = ((env: NodeJS.ProcessEnv) => T) &
  ConfigFactoryKeyHost<T> & {
    /** The environment variables the namespace reads: deployment manifests are checked against them. */
    readonly variables: readonly string[];
  };

/**
 * A service's own configuration beside the kit's ServiceConfig, as a `registerAs(token, …)`
 * namespace: `load` reads and validates the `variables` it declares, and only those (it is
 * given nothing else, so a variable read without being declared stays unset and its test
 * fails), from the environment the kit read, never `process.env` itself, so a test configures
 * it through `createTestApp`'s `env`. It throws ConfigurationError naming each bad variable,
 * which stops the service. Register it with `ServiceConfigModule.forFeature(namespace)`; read
 * it with `@Inject(namespace.KEY)` as `ConfigType<typeof namespace>`, or with
 * `ConfigService.get(token)`.
 */
export function registerServiceConfig<T extends ConfigObject>(
  token: string,
  variables: readonly string[],
  load: (env: NodeJS.ProcessEnv) => T,
): ServiceConfigNamespace<T> {
  const declared = (env: NodeJS.ProcessEnv): T => load(Object.fromEntries(variables.map((name) => [name, env[name]])));
  // ServiceConfigModule.forFeature calls it with the service's environment.
  const namespace = registerAs(token, declared as unknown as ConfigFactory<T>) as unknown as ServiceConfigNamespace<T>;
  return Object.assign(namespace, { variables });
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
