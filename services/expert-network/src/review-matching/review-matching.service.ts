import type { ReviewAssignmentData, SubmissionData } from '@naperj/contracts';
import { EventStore } from '@naperj/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { assignmentEvent, assignmentStep, candidateKeyOf, nextAssignment, submissionToMatch } from './review-assignment.lifecycle';
import { reviewAssignmentIdOf } from './review-assignment-id';
import { reviewMatchingConfig } from './review-matching.config';
import { ReviewerCandidatesRepository } from './reviewer-candidates.repository';
import { matchReviewers } from './reviewer-matcher';
import { ReviewWorkloadsRepository } from './review-workloads.repository';

/** Assigns reviewers to each submitted version of the node's submissions, and follows how long their reviews stay open. */
@Injectable()
export class ReviewMatchingService {
  constructor(
    private readonly events: EventStore,
    private readonly candidates: ReviewerCandidatesRepository,
    private readonly workloads: ReviewWorkloadsRepository,
    @Inject(reviewMatchingConfig.KEY) private readonly config: ConfigType<typeof reviewMatchingConfig>,
  ) {}

  /**
   * Matches a submitted version once: a redelivery finds its assignment recorded and records
   * none; two writers of the same version are decided by the event store's unique
   * (subject, version), the loser's VersionConflictError making the transport try again.
   */
  async assign(submission: SubmissionData): Promise<void> {
    const held = await this.heldAssignment(submission.id);
    const step = assignmentStep(held, submission.version);
    if (step === 'superseded') return;
    const assignment = step === 'assigned' ? held! : await this.record(submission, held);
    // After the event: open reviews are never counted for an assignment that was not recorded.
    await this.workloads.assigned(
      submission.id,
      submission.version,
      assignment.reviewers.map((reviewer) => candidateKeyOf(assignment.country, reviewer)),
    );
  }

  /** A later version of a submission: its reviewers' reviews stay open only while it is submitted. */
  async submissionChanged(submissionId: string, submissionVersion: number, open: boolean): Promise<void> {
    await this.workloads.changed(submissionId, submissionVersion, open);
  }

  private async record(submission: SubmissionData, held: ReviewAssignmentData | undefined): Promise<ReviewAssignmentData> {
    const [candidates, openReviews] = await Promise.all([this.candidates.consentedFor(submission.actionAreas), this.workloads.openReviews(submission.id)]);
    const reviewers = matchReviewers(
      submissionToMatch(submission),
      candidates.map(({ key, ...candidate }) => ({ ...candidate, openReviews: openReviews.get(key) ?? 0 })),
      this.config.reviewersPerSubmission,
    );
    const assignment = nextAssignment(held, submission, reviewers, new Date().toISOString());
    await this.events.append(assignmentEvent(assignment));
    return assignment;
  }

  /** The assignment's private view is its whole state. */
  private async heldAssignment(submissionId: string): Promise<ReviewAssignmentData | undefined> {
    const [latest] = await this.events.latest(reviewAssignmentIdOf(submissionId));
    return latest?.deliveries[0]!.data as ReviewAssignmentData | undefined;
  }
}
