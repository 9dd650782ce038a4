import { ServiceConfigModule } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { communityEngagementConfig } from '../config/community-engagement-config';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { ConsultationListing, ConsultationListingSchema } from './consultation-listing.schema';
import { ConsultationListingsProjection } from './consultation-listings.projection';
import { ConsultationListingsRepository } from './consultation-listings.repository';
import { ConsultationSchedule } from './consultation.schedule';
import { ConsultationsController, PublicConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';

@Module({
  imports: [
    ServiceConfigModule.forFeature(communityEngagementConfig),
    MongooseModule.forFeature([{ name: ConsultationListing.name, schema: ConsultationListingSchema }]),
    SchedulingModule,
  ],
  controllers: [ConsultationsController, PublicConsultationsController, ConsultationListingsProjection],
  providers: [ConsultationsService, ConsultationListingsRepository, ConsultationSchedule],
  exports: [ConsultationsService],
})
export class ConsultationsModule {}
