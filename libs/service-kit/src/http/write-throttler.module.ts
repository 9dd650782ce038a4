import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { WriteThrottlerGuard } from './write-throttler.guard';

const ONE_MINUTE_MS = 60_000;

/**
 * Write rate limiting. A module of its own so the root module can import it after
 * AuthModule: global guards run in import order, and the throttler counts the caller
 * the auth guard identified.
 */
@Module({})
export class WriteThrottlerModule {
  static forRoot(writesPerMinute: number): DynamicModule {
    return {
      module: WriteThrottlerModule,
      // Named "default" so the throttler answers the plain Retry-After / X-RateLimit-* headers.
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: ONE_MINUTE_MS, limit: writesPerMinute }] })],
      providers: [{ provide: APP_GUARD, useClass: WriteThrottlerGuard }],
    };
  }
}
