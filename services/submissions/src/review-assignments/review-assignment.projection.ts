import { EVENT_TYPES, type ReviewAssignmentData } from '@naperj/contracts';
import { EventPattern, RejectEvent } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ReviewAssignmentsRepository } from './review-assignments.repository';

/** The reviewers expert-network assigns to each submitted submission. */
@Controller()
export class ReviewAssignmentProjection {
  constructor(private readonly assignments: ReviewAssignmentsRepository) {}

  @EventPattern(EVENT_TYPES.reviewAssigned, { group: 'review-assignments', from: 'own' })
  async assigned(@Payload() data: ReviewAssignmentData): Promise<void> {
    if ((await this.assignments.save(data)) === 'older') {
      throw new RejectEvent(`version ${data.version} of the assignment of ${data.submissionId} is older than the one held`);
    }
  }
}
