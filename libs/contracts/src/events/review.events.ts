import { IsInt, Max, Min } from 'class-validator';
import { NestedArray } from '../domain/collections';
import { IsEntityId, IsUserId } from '../domain/identifiers';
import { IsTimestamp } from '../domain/timestamp';
import { EventData } from './event-data';

export class AssignedReviewer {
  @IsEntityId() expertId!: string;
  /** The expert's account: submissions accepts reviews from assigned accounts only. */
  @IsUserId() userId!: string;
}

/**
 * Reviewers expert-network matched to a submitted submission, on
 * `<cc>.expert-network.events.v1`; drafts and reviews never leave their node. The
 * assignment is its own subject (one per submission): another service cannot advance
 * the submission's version.
 */
export class ReviewAssignmentData extends EventData {
  @IsEntityId() submissionId!: string;
  /** The submitted version the reviewers were matched for. */
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) submissionVersion!: number;

  /** Empty when no eligible expert was found. */
  @NestedArray(() => AssignedReviewer, { maxSize: 10 }) reviewers!: AssignedReviewer[];

  @IsTimestamp() assignedAt!: string;
}
