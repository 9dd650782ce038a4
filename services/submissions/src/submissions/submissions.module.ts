import { OutboxModule } from '@naperj/messaging';
import { outboxFromServiceConfig } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ReviewAssignmentsModule } from '../review-assignments/review-assignments.module';
import { SubmissionEventsRepository } from './submission-events.repository';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [OutboxModule.forRootAsync(outboxFromServiceConfig), CatalogModule, ReviewAssignmentsModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionEventsRepository],
})
export class SubmissionsModule {}
