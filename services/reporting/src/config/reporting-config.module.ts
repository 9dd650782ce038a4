import { Global, Module } from '@nestjs/common';
import { loadReportingConfig } from './reporting-config';

export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');

/** The reporting variables, validated once at start: a bad value stops the service, naming it. */
@Global()
@Module({
  providers: [{ provide: REPORTING_CONFIG, useFactory: () => loadReportingConfig(process.env) }],
  exports: [REPORTING_CONFIG],
})
export class ReportingConfigModule {}
