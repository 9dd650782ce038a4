import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import type { ServiceConfig } from '../config/service-config';
import { AuthGuard } from './auth.guard';
import { createTokenVerifier, TokenVerifier } from './token-verifier';

/**
 * Guards every route of the application (see AuthGuard) and provides the TokenVerifier,
 * e.g. for streams that authenticate outside a guard. Needs the global ConfigService of
 * a ServiceConfig.
 */
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ServiceConfig, true>) =>
        createTokenVerifier(config.get('auth', { infer: true }), config.get('country', { infer: true })),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
