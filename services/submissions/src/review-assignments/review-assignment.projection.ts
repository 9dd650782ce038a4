import { EVENT_TYPES, type ReviewAssignmentData } from '@naperj/contracts';
import { type CloudEvent, OnEvent, RejectEvent } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { ReviewAssignmentsRepository } from './review-assignments.repository';

/** The reviewers expert-network assigns to each submitted submission. */
@Injectable()
export class ReviewAssignmentProjection {
  constructor(private readonly assignments: ReviewAssignmentsRepository) {}

  @OnEvent(EVENT_TYPES.reviewAssigned, { from: 'private' })
  async assigned({ data }: CloudEvent<ReviewAssignmentData>): Promise<void> {
    if ((await this.assignments.save(data)) === 'older') {
      throw new RejectEvent(`version ${data.version} of the assignment of ${data.submissionId} is older than the one held`);
    }
  }
}
