import { Module } from '@nestjs/common';
import { IndicatorGenerations } from './indicator-generations.service';
import { OwnSubmissionIndicatorsProjection } from './own-submission-indicators.projection';
import { PeerSubmissionIndicatorsProjection } from './peer-submission-indicators.projection';

/** What writes the indicators of a generation: the service and the rebuild CLI both run it. */
@Module({
  controllers: [OwnSubmissionIndicatorsProjection, PeerSubmissionIndicatorsProjection],
  providers: [IndicatorGenerations],
  exports: [IndicatorGenerations],
})
export class IndicatorProjectionsModule {}
