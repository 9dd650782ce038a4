import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { InsightIndicatorsModule } from '../insight-indicators/insight-indicators.module';
import { NetworkIndicatorsModule } from '../network-indicators/network-indicators.module';
import { ReportsController } from './reports.controller';

/** The summary report, as JSON and as CSV. */
@Module({ imports: [IndicatorsModule, NetworkIndicatorsModule, InsightIndicatorsModule], controllers: [ReportsController] })
export class ReportsModule {}
