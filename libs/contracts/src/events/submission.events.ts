import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmptyObject, IsOptional } from 'class-validator';
import { IsSubsetOf, IsTextList, NestedArray, NestedObject } from '../domain/collections';
import { IsHttpLink } from '../domain/http-link';
import { Omittable } from '../domain/conditional';
import { IsAgency, IsUserId } from '../domain/identifiers';
import { IsSdgTarget } from '../domain/sdg-target';
import { IsText, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH } from '../domain/text';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualLongText, TrilingualText, TrilingualTitle } from '../domain/trilingual';
import {
  ACTION_AREAS,
  type ActionArea,
  EVIDENCE_LEVELS,
  type EvidenceLevel,
  FRAMEWORKS,
  type Framework,
  LANGUAGES,
  type Language,
  REVIEW_DECISIONS,
  type ReviewDecision,
  SHARING_LEVELS,
  type SharingLevel,
  SUBMISSION_KINDS,
  SUBMISSION_STATUSES,
  type SubmissionKind,
  type SubmissionStatus,
} from '../domain/vocabularies';
import { EventData } from './event-data';

export class Evidence {
  @IsIn(EVIDENCE_LEVELS) level!: EvidenceLevel;

  // Nested, so the submission's originalLanguage is out of reach: any language will do.
  @Omittable()
  @NestedObject(() => TrilingualText)
  @IsNotEmptyObject({ nullable: false })
  outcomes?: TrilingualText;
}

export class SubmissionReview {
  /** The reviewer's account. */
  @IsUserId() reviewerId!: string;
  @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;
  @IsText(TEXT_MAX_LENGTH) comment!: string;
  @IsTimestamp() reviewedAt!: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base, any class
type Base = abstract new (...args: any[]) => object;

/**
 * The fields an agency writes, added to `base`: the content every view of a submission
 * shows, and what the REST API accepts. With `partial` (a PATCH body) each may be left out;
 * the merged result is then checked whole.
 */
export function WithSubmissionFields<B extends Base>(base: B, { partial = false } = {}) {
  const OptionalWhenPartial: PropertyDecorator = partial ? IsOptional() : () => undefined;
  // In a merge patch null removes an optional field; anywhere else it is no value of its type.
  const Optional: PropertyDecorator = partial ? IsOptional() : Omittable();

  abstract class SubmissionFields extends base {
    @OptionalWhenPartial @IsIn(SUBMISSION_KINDS) kind!: SubmissionKind;

    @OptionalWhenPartial
    @NestedObject(() => TrilingualTitle)
    @HasOriginalLanguage('originalLanguage')
    title!: TrilingualTitle;

    @OptionalWhenPartial
    @NestedObject(() => TrilingualText)
    @HasOriginalLanguage('originalLanguage')
    summary!: TrilingualText;

    @Optional
    @NestedObject(() => TrilingualLongText)
    @HasOriginalLanguage('originalLanguage')
    body?: TrilingualLongText;

    @OptionalWhenPartial @IsIn(LANGUAGES) originalLanguage!: Language;

    @OptionalWhenPartial @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];

    @Optional
    @IsArray()
    @ArrayUnique()
    @ArrayMaxSize(30)
    @IsSdgTarget({ each: true })
    sdgTargets?: string[];

    @Optional @IsSubsetOf(FRAMEWORKS) frameworks?: Framework[];

    /** Populations concerned, as the agency names them (e.g. "Pueblos indígenas"). */
    @Optional @IsTextList({ maxSize: 20, maxLength: TITLE_MAX_LENGTH }) populations?: string[];

    @Optional @NestedObject(() => Evidence) evidence?: Evidence;

    @Optional
    @IsArray()
    @ArrayUnique()
    @ArrayMaxSize(20)
    @IsHttpLink({ each: true })
    links?: string[];
  }
  return SubmissionFields;
}

/** What every view of a submission shows: the agency's contribution. */
export abstract class SubmissionContent extends WithSubmissionFields(EventData) {
  /** The submitting agency, shown with the submission. */
  @IsAgency() agency!: string;

  @IsTimestamp() createdAt!: string;
  @IsTimestamp() updatedAt!: string;
}

/**
 * The full internal view, on `<cc>.submissions.events.v1`: every submission type but
 * `withdrawn` carries the whole state, so a projection upserts it without replaying history.
 */
export class SubmissionData extends SubmissionContent {
  @IsIn(SUBMISSION_STATUSES) status!: SubmissionStatus;
  @IsIn(SHARING_LEVELS) sharing!: SharingLevel;

  /** The submitter's account. */
  @IsUserId() submittedBy!: string;

  @NestedArray(() => SubmissionReview, { maxSize: 50 }) reviews!: SubmissionReview[];

  @IsOptional() @IsText(TEXT_MAX_LENGTH) internalNotes?: string;

  @IsOptional() @IsTimestamp() submittedAt?: string;
  @IsOptional() @IsTimestamp() publishedAt?: string;
}

/**
 * The shareable view of a published submission, on `<cc>.shared.submissions.v1`: the
 * content and the agency, without accounts, reviews or internal notes. A shared copy is
 * always published, so it carries no status.
 */
export class SharedSubmissionData extends SubmissionContent {
  /** `national` submissions never cross a border. */
  @IsIn(['trilateral', 'public'] satisfies SharingLevel[])
  sharing!: Exclude<SharingLevel, 'national'>;

  @IsTimestamp() publishedAt!: string;
}
