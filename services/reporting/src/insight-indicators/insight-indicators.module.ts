import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { InsightIndicatorProjectionsModule } from './insight-indicator-projections.module';
import { InsightIndicatorsController } from './insight-indicators.controller';
import { InsightIndicatorsService } from './insight-indicators.service';

/** Community insights per country × action area, from the active generation of the read models. */
@Module({
  imports: [ReadModelsModule, InsightIndicatorProjectionsModule],
  controllers: [InsightIndicatorsController],
  providers: [InsightIndicatorsService],
  exports: [InsightIndicatorsService],
})
export class InsightIndicatorsModule {}
