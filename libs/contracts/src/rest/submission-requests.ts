import { IsIn, IsOptional } from 'class-validator';
import { Omittable } from '../domain/conditional';
import { IsText, REASON_MAX_LENGTH, TEXT_MAX_LENGTH } from '../domain/text';
import { REVIEW_DECISIONS, type ReviewDecision, SHARING_LEVELS, type SharingLevel } from '../domain/vocabularies';
import { WithSubmissionFields } from '../events/submission.events';

/** The body of a REST request: validated fields, nothing else. */
class RequestBody {}

/** `POST /api/v1/submissions`: a new draft. */
export class CreateSubmissionRequest extends WithSubmissionFields(RequestBody) {
  @IsIn(SHARING_LEVELS) sharing!: SharingLevel;
}

/**
 * `PATCH /api/v1/submissions/{id}`: a JSON merge patch of the draft's fields. `null`
 * removes an optional field; the merged draft must be valid as a whole.
 */
export class UpdateSubmissionRequest extends WithSubmissionFields(RequestBody, { partial: true }) {
  @IsOptional() @IsIn(SHARING_LEVELS) sharing?: SharingLevel;
}

/** `POST /api/v1/submissions/{id}/reviews`. */
export class ReviewSubmissionRequest {
  @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;
  @IsText(TEXT_MAX_LENGTH) comment!: string;
}

/** `POST /api/v1/submissions/{id}/withdraw`. */
export class WithdrawSubmissionRequest {
  @Omittable() @IsText(REASON_MAX_LENGTH) reason?: string;
}
