import { type AssignedReviewer, EVENT_TYPES, pickSharedFields, type SharedSubmissionData, type SubmissionData, type SubmissionStatus } from '@naperj/contracts';
import type { CatalogEntry } from '../catalog/catalog-entry.schema';

/** A submission as the API shows it: the view the caller may see, its status, and its reviewers when assigned. */
export type SubmissionView = (SubmissionData | (SharedSubmissionData & { status: SubmissionStatus })) & { assignedReviewers?: AssignedReviewer[] };

/**
 * Own submissions show their full internal view to those who may inspect them (their
 * agency, reviewers, admins, assigned experts); everyone else, like partners, sees the
 * shareable view, built from the same allow-list as the shared event (the contracts'
 * SharedSubmissionData): only what a peer may see, plus the status.
 */
export function viewOf(entry: Pick<CatalogEntry, 'origin' | 'view' | 'status'>, inspects: boolean, assignedReviewers?: AssignedReviewer[]): SubmissionView {
  const view = entry.view as SubmissionData;
  if (entry.origin === 'own' && inspects) return { ...view, ...(assignedReviewers ? { assignedReviewers } : {}) };
  const shareable = pickSharedFields(EVENT_TYPES.submissionPublished, view) as SharedSubmissionData;
  return { ...shareable, status: entry.status };
}
