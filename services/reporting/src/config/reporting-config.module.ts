import { ServiceConfigModule } from '@naperj/service-kit';
import { Global, Module } from '@nestjs/common';
import { reportingConfig } from './reporting-config';

const reportingConfigFeature = ServiceConfigModule.forFeature(reportingConfig);

/**
 * The `reporting` configuration namespace, validated once at start from the environment the kit
 * reads: a bad value stops the service, naming it.
 */
@Global()
@Module({ imports: [reportingConfigFeature], exports: [reportingConfigFeature] })
export class ReportingConfigModule {}
