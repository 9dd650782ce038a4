import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { NetworkIndicatorProjectionsModule } from './network-indicator-projections.module';
import { NetworkIndicatorsController } from './network-indicators.controller';
import { NetworkIndicatorsService } from './network-indicators.service';

/** The expert network's indicators, from the active generation of the read models. */
@Module({
  imports: [ReadModelsModule, NetworkIndicatorProjectionsModule],
  controllers: [NetworkIndicatorsController],
  providers: [NetworkIndicatorsService],
  exports: [NetworkIndicatorsService],
})
export class NetworkIndicatorsModule {}
