import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { IndicatorProjectionsModule } from './indicator-projections.module';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';

/** Indicators per country × action area, from the active generation of the read models. */
@Module({
  imports: [ReadModelsModule, IndicatorProjectionsModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
