import { Module } from '@nestjs/common';
import { ReportingConfigModule } from './config/reporting-config.module';
import { FederationModule } from './federation/federation.module';
import { HeartbeatsModule } from './heartbeats/heartbeats.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { InsightIndicatorsModule } from './insight-indicators/insight-indicators.module';
import { NetworkIndicatorsModule } from './network-indicators/network-indicators.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportsModule } from './reports/reports.module';
import { AsyncApiModule } from './asyncapi/asyncapi.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { StreamModule } from './stream/stream.module';

/**
 * The reporting domain. Health and the other endpoints every service shares
 * come from ServiceRootModule (@naperj/service-kit).
 */
@Module({
  imports: [
    AsyncApiModule,
    StreamModule,
    DashboardModule,
    ReportingConfigModule,
    HeartbeatsModule,
    ReadModelsModule,
    IndicatorsModule,
    NetworkIndicatorsModule,
    InsightIndicatorsModule,
    ReportsModule,
    FederationModule,
  ],
})
export class AppModule {}
