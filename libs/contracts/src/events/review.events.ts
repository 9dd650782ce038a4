import { IsIn, IsInt, IsOptional, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { IsSubsetOf, NestedArray, NestedObject } from '../domain/collections';
import { IsEntityId, IsUserId } from '../domain/identifiers';
import { IsTimestamp } from '../domain/timestamp';
import { ACTION_AREAS, type ActionArea, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/** How many reviewers one assignment names at most. */
export const ASSIGNED_REVIEWERS_MAX = 10;

/**
 * Why a reviewer holds its seat: the seats go to the eligible experts with the fewest open
 * reviews, except one kept for a partner country's expert when no partner made it on load alone.
 */
export const REVIEWER_PICK_RULES = ['fewest-open-reviews', 'partner-country'] as const;
export type ReviewerPickRule = (typeof REVIEWER_PICK_RULES)[number];

/**
 * The reason for one pick, as facts rather than prose, so every reader can word it in its
 * own language.
 */
export class ReviewerMatchReason {
  @IsIn(REVIEWER_PICK_RULES) rule!: ReviewerPickRule;
  /** The submission's action areas the expert works in. */
  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  /** The submission's languages (its original one and those it has text in) the expert works in. */
  @IsSubsetOf(LANGUAGES, { minSize: 1 }) languages!: Language[];
  /** The expert's reviews still open on this node when picked. */
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) openReviews!: number;
}

export class AssignedReviewer {
  /** The expert's id on its own node. */
  @IsEntityId() expertId!: string;
  /** The expert's node: this one, or the partner that shared the profile. */
  @IsIn(COUNTRY_CODES) country!: CountryCode;
  /**
   * The expert's account, for the node's own experts only: submissions accepts reviews from
   * assigned accounts. A partner's expert has an account on its own node, which no event
   * names, and a node takes no writes from another country's accounts, so a partner's pick
   * is advisory: this node's reviewers ask the expert for a view through the network.
   */
  @IsOptional() @IsUserId() userId?: string;
  @NestedObject(() => ReviewerMatchReason) reason!: ReviewerMatchReason;
}

export const NAMES_OWN_ACCOUNTS = 'namesOwnAccounts';

/** Each reviewer of the node's own country names its account; a partner's expert names none. */
function NamesOwnAccounts(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: NAMES_OWN_ACCOUNTS,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: '$property must name the account of each own expert and of no partner expert', ...options },
      validator: {
        validate: (reviewers, args) => {
          const node = (args?.object as { country?: unknown }).country;
          if (!Array.isArray(reviewers)) return true;
          return reviewers.every((reviewer: Partial<AssignedReviewer> | null) =>
            typeof reviewer !== 'object' || reviewer === null ? true : (reviewer.country === node) === (reviewer.userId !== undefined),
          );
        },
      },
    });
  };
}

/**
 * Reviewers expert-network matched to a submitted submission, on
 * `<cc>.expert-network.events.v1`; drafts and reviews never leave their node. The
 * assignment is its own subject (one per submission, its id derived from the submission's):
 * another service cannot advance the submission's version. Each new submission of the
 * submission is matched again, as the assignment's next version.
 */
export class ReviewAssignmentData extends EventData {
  @IsEntityId() submissionId!: string;
  /** The submitted version the reviewers were matched for. */
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) submissionVersion!: number;

  /** Best match first; empty when no eligible expert was found. */
  @NestedArray(() => AssignedReviewer, { maxSize: ASSIGNED_REVIEWERS_MAX })
  @NamesOwnAccounts()
  reviewers!: AssignedReviewer[];

  @IsTimestamp() assignedAt!: string;
}
