import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ReportsController } from './reports.controller';

/** The summary report, as JSON and as CSV. */
@Module({ imports: [IndicatorsModule], controllers: [ReportsController] })
export class ReportsModule {}
