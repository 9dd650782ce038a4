import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { ServiceIdentity } from '../identity/service-identity';

/**
 * The root module of every service: its own AppModule beside the modules all
 * services share, so each AppModule holds only that service's domain. Global, so
 * any module can inject the ServiceIdentity.
 */
@Module({})
export class ServiceRootModule {
  static forApp(appModule: Type<unknown>, identity: ServiceIdentity): DynamicModule {
    return {
      module: ServiceRootModule,
      global: true,
      imports: [HealthModule, appModule],
      providers: [{ provide: ServiceIdentity, useValue: identity }],
      exports: [ServiceIdentity],
    };
  }
}
