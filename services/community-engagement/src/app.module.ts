import { OutboxModule } from '@naperj/messaging';
import { outboxFromServiceConfig } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { ConsultationsModule } from './consultations/consultations.module';
import { ContributionsModule } from './contributions/contributions.module';
import { InsightsModule } from './insights/insights.module';
import { RetentionModule } from './retention/retention.module';

/**
 * The community engagement domain. Health and the other endpoints every service shares
 * come from ServiceRootModule (@naperj/service-kit). The outbox (EventStore and its one
 * relay) is global and imported here once, for every feature that records events.
 */
@Module({ imports: [OutboxModule.forRootAsync(outboxFromServiceConfig), ConsultationsModule, ContributionsModule, RetentionModule, InsightsModule] })
export class AppModule {}
