import { IsArray, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { IsSubsetOf, IsTextList, NestedObject } from '../domain/collections';
import { IsAgency, IsUserId } from '../domain/identifiers';
import { IsLanguageTagList } from '../domain/language-tag';
import { IsSdgTarget } from '../domain/sdg-target';
import { IsText, TITLE_MAX_LENGTH } from '../domain/text';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualText } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, FRAMEWORKS, type Framework, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/** How many working languages a profile lists. */
export const EXPERT_LANGUAGES_MAX = 20;

/** The version of the consent wording the expert agreed to, e.g. `2026-09`. */
export const CONSENT_WORDING_PATTERN = /^[a-z0-9][a-z0-9.-]{0,31}$/;

/**
 * What the expert agreed to, when, and under which wording. Recorded on every change, so
 * the node can show what a profile was shared under.
 */
export class ExpertConsent {
  /** Share the public profile with the partners' federated directory. */
  @IsBoolean() shareProfile!: boolean;
  /** Agencies may ask the node to put them in touch; the contact itself never leaves the node. */
  @IsBoolean() contactable!: boolean;
  /** May be assigned to review submissions, the partners' included. */
  @IsBoolean() review!: boolean;
  @Matches(CONSENT_WORDING_PATTERN, { message: '$property must name a consent wording version such as 2026-09' }) wordingVersion!: string;
  @IsTimestamp() givenAt!: string;
}

/**
 * The public profile the expert consented to share, on `<cc>.shared.experts.v1`: it
 * feeds the partners' federated directory. Contact details are in no event at all: they
 * are kept encrypted by the expert's own node.
 */
export class SharedExpertData extends EventData {
  @IsText(TITLE_MAX_LENGTH) name!: string;
  @IsOptional() @IsText(TITLE_MAX_LENGTH) affiliation?: string;

  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  bio!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  @IsOptional() @IsArray() @IsSdgTarget({ each: true }) sdgTargets?: string[];
  @IsOptional() @IsSubsetOf(FRAMEWORKS) frameworks?: Framework[];
  /** Languages the expert works in, as BCP 47 tags: any language, Indigenous languages included. */
  @IsLanguageTagList({ minSize: 1, maxSize: EXPERT_LANGUAGES_MAX }) languages!: string[];
  /** The populations the expert works with, in their own words. */
  @IsOptional() @IsTextList({ maxSize: 20, maxLength: TITLE_MAX_LENGTH }) populations?: string[];

  /** Consented to review submissions: partners may assign them as reviewers. */
  @IsBoolean() reviews!: boolean;

  @IsTimestamp() createdAt!: string;
  @IsTimestamp() updatedAt!: string;
}

/** The full internal view, on `<cc>.expert-network.events.v1`: still no contact details. */
export class ExpertData extends SharedExpertData {
  /** The expert's account. */
  @IsUserId() userId!: string;
  /** The expert's agency: reviewer matching never picks a reviewer from the submitting agency. */
  @IsAgency() agency!: string;

  /** Whether a contact is kept (encrypted, by this node only). */
  @IsBoolean() hasContact!: boolean;

  @NestedObject(() => ExpertConsent) consent!: ExpertConsent;
}
