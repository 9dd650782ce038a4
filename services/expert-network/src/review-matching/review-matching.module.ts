import { ServiceConfigModule } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { reviewMatchingConfig } from './review-matching.config';
import { ReviewMatchingService } from './review-matching.service';
import { ReviewWorkload, ReviewWorkloadSchema } from './review-workload.schema';
import { ReviewerCandidateEntry, ReviewerCandidateEntrySchema } from './reviewer-candidate.schema';
import { ReviewerCandidatesProjection } from './reviewer-candidates.projection';
import { ReviewerCandidatesRepository } from './reviewer-candidates.repository';
import { ReviewWorkloadsRepository } from './review-workloads.repository';
import { SubmissionReviewConsumer } from './submission-review.consumer';

/**
 * Reviewer matching: the candidates (own experts and partners' consented profiles) and their
 * open reviews, kept from the topics, and the `review.assigned` of each submitted submission.
 * Its events go through the service's EventStore (OutboxModule, imported once by AppModule).
 */
@Module({
  imports: [
    ServiceConfigModule.forFeature(reviewMatchingConfig),
    MongooseModule.forFeature([
      { name: ReviewerCandidateEntry.name, schema: ReviewerCandidateEntrySchema },
      { name: ReviewWorkload.name, schema: ReviewWorkloadSchema },
    ]),
  ],
  controllers: [ReviewerCandidatesProjection, SubmissionReviewConsumer],
  providers: [ReviewerCandidatesRepository, ReviewWorkloadsRepository, ReviewMatchingService],
})
export class ReviewMatchingModule {}
