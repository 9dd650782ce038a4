import type { ReviewAssignmentData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ReviewAssignment } from './review-assignment.schema';

@Injectable()
export class ReviewAssignmentsRepository {
  constructor(@InjectModel(ReviewAssignment.name) private readonly assignments: Model<ReviewAssignment>) {}

  async of(submissionId: string): Promise<ReviewAssignment | undefined> {
    return (await this.assignments.findById(submissionId).lean<ReviewAssignment>()) ?? undefined;
  }

  /** The ids of the submissions the account is assigned to review. */
  async assignedTo(userId: string): Promise<string[]> {
    const assigned = await this.assignments.find({ userIds: userId }, { _id: 1 }).lean<Pick<ReviewAssignment, '_id'>[]>();
    return assigned.map(({ _id }) => _id);
  }

  /** Keeps the newest assignment of each submission. */
  save({ id, version, submissionId, submissionVersion, reviewers, assignedAt }: ReviewAssignmentData): Promise<VersionedWrite> {
    return upsertIfNewer(this.assignments, {
      _id: submissionId,
      assignmentId: id,
      version,
      submissionVersion,
      reviewers,
      // A partner's expert has no account here: its pick is advisory, it reviews on its own node.
      userIds: reviewers.flatMap(({ userId }) => (userId ? [userId] : [])),
      assignedAt,
    });
  }
}
