import type { AssignedReviewer, SharedSubmissionData, SubmissionData, SubmissionStatus } from '@naperj/contracts';
import type { CatalogEntry } from '../catalog/catalog-entry.schema';

/** A submission as the API shows it: the view the caller may see, its status, and its reviewers when assigned. */
export type SubmissionView = (SubmissionData | (SharedSubmissionData & { status: SubmissionStatus })) & { assignedReviewers?: AssignedReviewer[] };

/**
 * Own submissions show their full internal view to those who may inspect them (their
 * agency, reviewers, admins, assigned experts); everyone else, like partners, sees the
 * shareable view: no accounts, reviews or internal notes.
 */
export function viewOf(entry: CatalogEntry, inspects: boolean, assignedReviewers?: AssignedReviewer[]): SubmissionView {
  const view = entry.view as SubmissionData;
  if (entry.origin === 'own' && inspects) return { ...view, ...(assignedReviewers ? { assignedReviewers } : {}) };
  const { reviews: _reviews, submittedBy: _submittedBy, internalNotes: _internalNotes, submittedAt: _submittedAt, ...shareable } = view;
  return { ...(shareable as SharedSubmissionData), status: entry.status };
}
