import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { DeadLetterTally } from './dead-letter.tally';
import { DeadLettersStore } from './dead-letters.store';
import { FederationStatusController } from './federation-status.controller';
import { FederationStatusService } from './federation-status.service';
import { FederationTelemetryProjection } from './federation-telemetry.projection';
import { FederationTelemetryStore } from './federation-telemetry.store';
import { FederationConsumers } from './federation.consumers';
import { FederationMetrics } from './federation.metrics';

/** The federation as this node sees it: partners' heartbeats, latency, receipts and refusals. */
@Module({
  imports: [ReadModelsModule],
  controllers: [FederationStatusController, FederationTelemetryProjection, DeadLetterTally],
  providers: [FederationTelemetryStore, DeadLettersStore, FederationConsumers, FederationStatusService, FederationMetrics],
  exports: [FederationStatusService],
})
export class FederationModule {}
