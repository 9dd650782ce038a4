import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InsightConsultationEntry, InsightConsultationEntrySchema } from './insight-consultation.schema';
import { InsightContribution, InsightContributionSchema } from './insight-contribution.schema';
import { InsightListing, InsightListingSchema } from './insight-listing.schema';
import { InsightListingsProjection } from './insight-listings.projection';
import { InsightListingsRepository } from './insight-listings.repository';
import { InsightPublication, InsightPublicationSchema } from './insight-publication.schema';
import { InsightPublicationService } from './insight-publication.service';
import { InsightTalliesProjection } from './insight-tallies.projection';
import { InsightTalliesRepository } from './insight-tallies.repository';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';

/**
 * k-anonymous insights: tallies of the node's consultations fed by its private topic, the
 * publication of their versions (`org.naperj.insight.published.v1`, private and shared), and
 * the listing of the node's and its partners' insights. The event store comes from the
 * global OutboxModule.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: InsightConsultationEntry.name, schema: InsightConsultationEntrySchema },
      { name: InsightContribution.name, schema: InsightContributionSchema },
      { name: InsightPublication.name, schema: InsightPublicationSchema },
      { name: InsightListing.name, schema: InsightListingSchema },
    ]),
  ],
  controllers: [InsightsController, InsightTalliesProjection, InsightListingsProjection],
  providers: [InsightTalliesRepository, InsightPublicationService, InsightListingsRepository, InsightsService],
})
export class InsightsModule {}
