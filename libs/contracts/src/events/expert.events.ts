import { IsBoolean, IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { IsSubsetOf, NestedObject } from '../domain/collections';
import { IsAgency, IsUserId } from '../domain/identifiers';
import { IsText, TITLE_MAX_LENGTH } from '../domain/text';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualText } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

export class ExpertContact {
  @IsEmail() @MaxLength(254) email!: string;
  @IsOptional() @IsText(40) phone?: string;
}

/**
 * The public profile the expert consented to share, on `<cc>.shared.experts.v1`: it
 * feeds the partners' federated directory. Contact details never cross a border.
 */
export class SharedExpertData extends EventData {
  @IsText(TITLE_MAX_LENGTH) name!: string;
  @IsOptional() @IsText(TITLE_MAX_LENGTH) affiliation?: string;

  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  bio!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  /** Languages the expert works in. */
  @IsSubsetOf(LANGUAGES, { minSize: 1 }) languages!: Language[];

  @IsTimestamp() createdAt!: string;
  @IsTimestamp() updatedAt!: string;
}

/** The full internal view, on `<cc>.expert-network.events.v1`. */
export class ExpertData extends SharedExpertData {
  /** The expert's account. */
  @IsUserId() userId!: string;
  /** The expert's agency: reviewer matching never picks a reviewer from the submitting agency. */
  @IsAgency() agency!: string;

  @NestedObject(() => ExpertContact) contact!: ExpertContact;

  /** Consent to the federated directory: only then is a shared view published. */
  @IsBoolean() shareProfile!: boolean;
}
