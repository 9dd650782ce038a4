import { ServiceConfigModule } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { communityEngagementConfig } from '../config/community-engagement-config';
import { ContributionsModule } from '../contributions/contributions.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { RetentionSchedule } from './retention.schedule';
import { RetentionService } from './retention.service';

@Module({
  imports: [ContributionsModule, SchedulingModule, ServiceConfigModule.forFeature(communityEngagementConfig)],
  providers: [RetentionService, RetentionSchedule],
})
export class RetentionModule {}
