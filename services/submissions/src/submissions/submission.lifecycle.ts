import {
  type CountryCode,
  type CreateSubmissionRequest,
  EVENT_TYPES,
  type ReviewSubmissionRequest,
  type SubmissionData,
  type SubmissionReview,
  type SubmissionStatus,
} from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';

/** A submission's whole state: the full internal view its events carry. */
export type Submission = SubmissionData;

/** What a use case did to a submission: its new state and the event that records it. */
export interface SubmissionChange {
  state: Submission;
  type: SubmissionEventType;
}

export type SubmissionEventType = (typeof EVENT_TYPES)[
  | 'submissionDrafted'
  | 'submissionUpdated'
  | 'submissionSubmitted'
  | 'submissionReviewed'
  | 'submissionChangesRequested'
  | 'submissionRejected'
  | 'submissionPublished'
  | 'submissionWithdrawn'];

export type SubmissionAction = 'edit' | 'submit' | 'review' | 'publish' | 'withdraw';

/** The action is not allowed in the submission's current status (409). */
export class IllegalTransitionError extends Error {
  constructor(
    readonly action: SubmissionAction,
    readonly currentStatus: SubmissionStatus,
    detail = `A submission that is ${currentStatus} cannot be ${PAST_PARTICIPLE[action]}`,
  ) {
    super(detail);
  }
}

/** The caller may not take the action on this submission (403). */
export class ActionForbiddenError extends Error {}

/** No submission with this id that the caller may see (404). */
export class SubmissionNotFoundError extends Error {
  constructor(id: string) {
    super(`No submission ${id} here`);
  }
}

const PAST_PARTICIPLE: Record<SubmissionAction, string> = {
  edit: 'edited',
  submit: 'submitted',
  review: 'reviewed',
  publish: 'published',
  withdraw: 'withdrawn',
};

/** Where each action may start from (docs/architecture.md, REST: submissions, the lifecycle). */
const ALLOWED_FROM: Record<SubmissionAction, readonly SubmissionStatus[]> = {
  edit: ['draft', 'changes-requested'],
  submit: ['draft', 'changes-requested'],
  review: ['submitted'],
  publish: ['submitted'],
  withdraw: ['published'],
};

/** The fields of a draft the agency writes, as the REST request carries them. */
export type SubmissionFields = CreateSubmissionRequest;

/** A new draft of the caller's agency. */
export function draftSubmission(id: string, country: CountryCode, fields: SubmissionFields, author: Principal, now: string): SubmissionChange {
  if (!author.roles.includes('submitter')) throw new ActionForbiddenError('Only a submitter drafts submissions');
  return {
    type: EVENT_TYPES.submissionDrafted,
    state: { ...fields, id, country, version: 1, status: 'draft', agency: author.agency, submittedBy: author.sub, reviews: [], createdAt: now, updatedAt: now },
  };
}

/** The agency's draft with its fields replaced by `fields` (already merged and checked whole). */
export function reviseSubmission(submission: Submission, fields: SubmissionFields, editor: Principal, now: string): SubmissionChange {
  assertOwnAgency(submission, editor, 'edit');
  assertAllowed(submission, 'edit');
  const { id, country, version, status, agency, submittedBy, reviews, createdAt, submittedAt } = submission;
  return {
    type: EVENT_TYPES.submissionUpdated,
    state: {
      ...fields,
      id,
      country,
      version: version + 1,
      status,
      agency,
      submittedBy,
      reviews,
      createdAt,
      updatedAt: now,
      ...(submittedAt ? { submittedAt } : {}),
    },
  };
}

export function submitSubmission(submission: Submission, submitter: Principal, now: string): SubmissionChange {
  assertOwnAgency(submission, submitter, 'submit');
  assertAllowed(submission, 'submit');
  return next(submission, EVENT_TYPES.submissionSubmitted, { status: 'submitted', submittedAt: now }, now);
}

/**
 * A review by a reviewer, or by an expert assigned to the submission; never by its author.
 * An approval keeps it submitted, ready to publish; the other decisions move it on.
 */
export function reviewSubmission(
  submission: Submission,
  { decision, comment }: ReviewSubmissionRequest,
  reviewer: Principal,
  assignedUserIds: readonly string[],
  now: string,
): SubmissionChange {
  const assigned = reviewer.roles.includes('expert') && assignedUserIds.includes(reviewer.sub);
  if (!reviewer.roles.includes('reviewer') && !assigned)
    throw new ActionForbiddenError('Only a reviewer or an expert assigned to this submission may review it');
  if (reviewer.sub === submission.submittedBy) throw new ActionForbiddenError('The author of a submission cannot review it');
  assertAllowed(submission, 'review');
  const review: SubmissionReview = { reviewerId: reviewer.sub, decision, comment, reviewedAt: now };
  const reviews = [...submission.reviews, review];
  if (decision === 'approve') return next(submission, EVENT_TYPES.submissionReviewed, { reviews }, now);
  if (decision === 'changes-requested') return next(submission, EVENT_TYPES.submissionChangesRequested, { reviews, status: 'changes-requested' }, now);
  return next(submission, EVENT_TYPES.submissionRejected, { reviews, status: 'rejected' }, now);
}

/** A reviewer publishes a submission approved since it was last submitted. */
export function publishSubmission(submission: Submission, publisher: Principal, now: string): SubmissionChange {
  if (!publisher.roles.includes('reviewer')) throw new ActionForbiddenError('Only a reviewer publishes submissions');
  assertAllowed(submission, 'publish');
  const approved = submission.reviews.some(({ decision, reviewedAt }) => decision === 'approve' && reviewedAt >= (submission.submittedAt ?? ''));
  if (!approved) throw new IllegalTransitionError('publish', submission.status, 'A submission is published only after an approval since it was last submitted');
  return next(submission, EVENT_TYPES.submissionPublished, { status: 'published', publishedAt: now }, now);
}

/** The submitting agency, or an admin, takes a published submission back. */
export function withdrawSubmission(submission: Submission, withdrawer: Principal, now: string): SubmissionChange {
  if (!withdrawer.roles.includes('admin')) assertOwnAgency(submission, withdrawer, 'withdraw');
  assertAllowed(submission, 'withdraw');
  return next(submission, EVENT_TYPES.submissionWithdrawn, { status: 'withdrawn' }, now);
}

/** Whether the caller may see a submission that is not published: its agency, reviewers, admins, assigned experts. */
export function mayInspect(submission: Pick<Submission, 'agency'>, viewer: Principal, assigned: boolean): boolean {
  return submission.agency === viewer.agency || viewer.roles.includes('reviewer') || viewer.roles.includes('admin') || assigned;
}

function next(submission: Submission, type: SubmissionEventType, changes: Partial<Submission>, now: string): SubmissionChange {
  return { type, state: { ...submission, ...changes, version: submission.version + 1, updatedAt: now } };
}

function assertOwnAgency(submission: Submission, caller: Principal, action: SubmissionAction): void {
  if (!caller.roles.includes('submitter') || caller.agency !== submission.agency) {
    throw new ActionForbiddenError(`Only a submitter of ${submission.agency} may ${action} this submission`);
  }
}

function assertAllowed(submission: Submission, action: SubmissionAction): void {
  if (!ALLOWED_FROM[action].includes(submission.status)) throw new IllegalTransitionError(action, submission.status);
}
