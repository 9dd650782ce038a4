import { Module } from '@nestjs/common';
import { IndicatorStores } from './indicator.stores';
import { OwnSubmissionIndicatorsProjection } from './own-submission-indicators.projection';
import { PeerSubmissionIndicatorsProjection } from './peer-submission-indicators.projection';

/** What writes the indicators of a generation: the service and the rebuild CLI both run it. */
@Module({
  controllers: [OwnSubmissionIndicatorsProjection, PeerSubmissionIndicatorsProjection],
  providers: [IndicatorStores],
  exports: [IndicatorStores],
})
export class IndicatorProjectionsModule {}
