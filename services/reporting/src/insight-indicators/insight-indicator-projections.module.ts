import { Module } from '@nestjs/common';
import { InsightIndicatorGenerations } from './insight-indicator-generations.service';
import { InsightIndicatorsProjection } from './insight-indicators.projection';

/** What writes the insight indicators of a generation: the service and the rebuild CLI both run it. */
@Module({ controllers: [InsightIndicatorsProjection], providers: [InsightIndicatorGenerations], exports: [InsightIndicatorGenerations] })
export class InsightIndicatorProjectionsModule {}
