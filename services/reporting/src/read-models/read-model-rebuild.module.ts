import { Module } from '@nestjs/common';
import { IndicatorProjectionsModule } from '../indicators/indicator-projections.module';
import { InsightIndicatorProjectionsModule } from '../insight-indicators/insight-indicator-projections.module';
import { NetworkIndicatorProjectionsModule } from '../network-indicators/network-indicator-projections.module';
import { ReadModelRebuild } from './read-model.rebuild';
import { ReadModelRegistry } from './read-model.registry';

/** What `npm run reporting:rebuild` runs, beside the kit, in place of the service's AppModule. */
@Module({
  imports: [IndicatorProjectionsModule, NetworkIndicatorProjectionsModule, InsightIndicatorProjectionsModule],
  providers: [ReadModelRegistry, ReadModelRebuild],
  exports: [ReadModelRebuild, ReadModelRegistry],
})
export class ReadModelRebuildModule {}
