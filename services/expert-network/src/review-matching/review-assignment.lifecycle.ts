import {
  type AssignedReviewer,
  type CountryCode,
  dataClassification,
  EVENT_TYPES,
  type Language,
  LANGUAGES,
  privateEventsTopic,
  type ReviewAssignmentData,
  type SubmissionData,
  validateEventData,
} from '@naperj/contracts';
import type { NewEvent } from '@naperj/messaging';
import { reviewAssignmentIdOf } from './review-assignment-id';
import { partnerCandidateKey } from './reviewer-candidates.repository';
import type { SubmissionToMatch } from './reviewer-matcher';

/**
 * What a `submitted` version of a submission calls for, given the assignment held: matching,
 * nothing new (this version is assigned already: a redelivery), or nothing at all (a later
 * submission of it is assigned already).
 */
export function assignmentStep(held: ReviewAssignmentData | undefined, submissionVersion: number): 'match' | 'assigned' | 'superseded' {
  if (!held || held.submissionVersion < submissionVersion) return 'match';
  return held.submissionVersion === submissionVersion ? 'assigned' : 'superseded';
}

/** What matching reads of a submission: its languages are its original one and those it has text in. */
export function submissionToMatch({ id, agency, submittedBy, actionAreas, originalLanguage, title, summary, body }: SubmissionData): SubmissionToMatch {
  const texts = [title, summary, body].filter((text) => text !== undefined);
  const languages = LANGUAGES.filter((language: Language) => language === originalLanguage || texts.some((text) => (text[language]?.trim() ?? '') !== ''));
  return { id, agency, submittedBy, actionAreas, languages };
}

/** The submission's assignment after `held`, naming `reviewers` for its submitted version. */
export function nextAssignment(
  held: ReviewAssignmentData | undefined,
  { id, country, version }: Pick<SubmissionData, 'id' | 'country' | 'version'>,
  reviewers: AssignedReviewer[],
  now: string,
): ReviewAssignmentData {
  return {
    id: reviewAssignmentIdOf(id),
    country,
    version: (held?.version ?? 0) + 1,
    submissionId: id,
    submissionVersion: version,
    reviewers,
    assignedAt: now,
  };
}

/** The event that records an assignment: on the node's private topic only, as reviews never leave their node. */
export function assignmentEvent(assignment: ReviewAssignmentData): NewEvent {
  const type = EVENT_TYPES.reviewAssigned;
  const checked = validateEventData(type, 'private', assignment);
  if (!checked.ok) throw new Error(`The assignment of ${assignment.submissionId} is invalid: ${checked.errors.join('; ')}`);
  return {
    subject: assignment.id,
    version: assignment.version,
    type,
    deliveries: [
      { topic: privateEventsTopic(assignment.country, 'expert-network'), dataclassification: dataClassification(type, 'private'), data: assignment },
    ],
  };
}

/** The reviewer's key among the candidates: an own expert by id, a partner's by origin and id. */
export function candidateKeyOf(node: CountryCode, { country, expertId }: AssignedReviewer): string {
  return country === node ? expertId : partnerCandidateKey(country, expertId);
}
