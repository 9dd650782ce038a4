import { AuthModule, EncryptionModule, ServiceConfigModule } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { communityEngagementConfig } from '../config/community-engagement-config';
import { ConsultationsModule } from '../consultations/consultations.module';
import { Contribution, ContributionSchema } from './contribution.schema';
import { ContributionsController, PublicContributionsController } from './contributions.controller';
import { ContributionsRepository } from './contributions.repository';
import { ContributionsService } from './contributions.service';
import { PublicWriteCounter, PublicWriteGuard } from './public-write.guard';

@Module({
  imports: [
    ConsultationsModule,
    // Its TokenVerifier: erasure is a public route where a liaison's token is checked by hand.
    AuthModule,
    EncryptionModule,
    ServiceConfigModule.forFeature(communityEngagementConfig),
    MongooseModule.forFeature([{ name: Contribution.name, schema: ContributionSchema }]),
  ],
  controllers: [ContributionsController, PublicContributionsController],
  providers: [ContributionsService, ContributionsRepository, PublicWriteCounter, PublicWriteGuard],
  exports: [ContributionsRepository],
})
export class ContributionsModule {}
