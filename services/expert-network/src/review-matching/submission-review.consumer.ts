import { EVENT_TYPES, type RemovalData, type SubmissionData } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ReviewMatchingService } from './review-matching.service';

const REVIEW_MATCHING = { group: 'review-matching', from: 'own' } as const;

/**
 * The node's submissions, from the submissions service's private topic: each submitted version
 * is matched with reviewers; the other changes end or keep their reviews open.
 */
@Controller()
export class SubmissionReviewConsumer {
  constructor(private readonly matching: ReviewMatchingService) {}

  @EventPattern(EVENT_TYPES.submissionSubmitted, REVIEW_MATCHING)
  async submitted(@Payload() data: SubmissionData): Promise<void> {
    await this.matching.assign(data);
  }

  /** An approval keeps a submission submitted; the other decisions and publication move it on. */
  @EventPattern(
    [EVENT_TYPES.submissionReviewed, EVENT_TYPES.submissionChangesRequested, EVENT_TYPES.submissionRejected, EVENT_TYPES.submissionPublished],
    REVIEW_MATCHING,
  )
  async changed(@Payload() { id, version, status }: SubmissionData): Promise<void> {
    await this.matching.submissionChanged(id, version, status === 'submitted');
  }

  @EventPattern(EVENT_TYPES.submissionWithdrawn, REVIEW_MATCHING)
  async withdrawn(@Payload() { id, version }: RemovalData): Promise<void> {
    await this.matching.submissionChanged(id, version, false);
  }
}
