import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, type Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '../auth';
import type { ServiceConfig } from '../config/service-config';
import { ServiceConfigModule } from '../config/service-config.module';
import { DatabaseModule } from '../database/database.module';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { HealthModule } from '../health/health.module';
import { KafkaModule } from '../kafka';
import { JsonBodyMiddleware } from '../http/json-body.middleware';
import { RequestValidationPipe } from '../http/request-validation.pipe';
import { OperatorInjectionMiddleware } from '../http/operator-injection.middleware';
import { WriteThrottlerModule } from '../http/write-throttler.module';
import { LoggingModule } from '../logging';
import { MetricsModule } from '../metrics';
import { TelemetryModule } from '../telemetry';

/**
 * The root module of every service: its own AppModule beside what all services share
 * (configuration, logs, metrics, database, the Kafka client and the event transport, auth,
 * errors, validation, health); a service that publishes imports `OutboxModule` with
 * `outboxFromServiceConfig`, so each AppModule holds only that service's domain.
 */
@Module({})
export class ServiceRootModule implements NestModule {
  /**
   * `config` is the kit's ServiceConfig read from `env`; the service's own configuration
   * namespaces (ServiceConfigModule.forFeature) read the same `env`.
   */
  static forApp(appModule: Type<unknown>, config: ServiceConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ServiceRootModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        ServiceConfigModule.forRoot(env),
        TelemetryModule,
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        KafkaModule,
        // Its guard authenticates before the throttler's guard counts the caller.
        AuthModule,
        WriteThrottlerModule.forRoot(config.http.writesPerMinute),
        HealthModule,
        appModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware, OperatorInjectionMiddleware).forRoutes('*path');
  }
}
