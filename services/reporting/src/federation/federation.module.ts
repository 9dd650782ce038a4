import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { DeadLetterTally } from './dead-letter.tally';
import { DeadLettersRepository } from './dead-letters.repository';
import { FederationStatusController } from './federation-status.controller';
import { FederationStatusService } from './federation-status.service';
import { FederationTelemetryProjection } from './federation-telemetry.projection';
import { FederationTelemetryRepository } from './federation-telemetry.repository';
import { FederationConsumers } from './federation.consumers';
import { FederationMetrics } from './federation.metrics';

/** The federation as this node sees it: partners' heartbeats, latency, receipts and refusals. */
@Module({
  imports: [ReadModelsModule],
  controllers: [FederationStatusController, FederationTelemetryProjection, DeadLetterTally],
  providers: [FederationTelemetryRepository, DeadLettersRepository, FederationConsumers, FederationStatusService, FederationMetrics],
  exports: [FederationStatusService],
})
export class FederationModule {}
