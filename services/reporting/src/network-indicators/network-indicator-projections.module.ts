import { Module } from '@nestjs/common';
import { NetworkIndicatorGenerations } from './network-indicator-generations.service';
import { OwnExpertIndicatorsProjection } from './own-expert-indicators.projection';
import { SharedNetworkIndicatorsProjection } from './shared-network-indicators.projection';

/** What writes the expert network's indicators of a generation: the service and the rebuild CLI both run it. */
@Module({
  controllers: [OwnExpertIndicatorsProjection, SharedNetworkIndicatorsProjection],
  providers: [NetworkIndicatorGenerations],
  exports: [NetworkIndicatorGenerations],
})
export class NetworkIndicatorProjectionsModule {}
