import { ArrayUnique, IsIn, IsNotEmptyObject, IsOptional } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { IsSubsetOf, IsTextList, NestedArray, NestedObject } from '../domain/collections';
import { IsAgency, IsEntityId, IsThemeKey } from '../domain/identifiers';
import { TITLE_MAX_LENGTH } from '../domain/text';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualText, TrilingualTitle } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, CONSULTATION_STATUSES, type ConsultationStatus, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

export class ConsultationTheme {
  @IsThemeKey() key!: string;

  // Nested, so the consultation's originalLanguage is out of reach: any language will do.
  @NestedObject(() => TrilingualTitle)
  @IsNotEmptyObject({ nullable: false })
  label!: TrilingualTitle;
}

/** At most this many communities named by one consultation. */
export const CONSULTATION_COMMUNITIES_MAX = 20;

/**
 * A community consultation of the node, on `<cc>.community-engagement.events.v1`
 * (`scheduled` when created before its `opensAt`, `opened`, then `closed`, each with the
 * whole consultation). Its insights, not the consultation, cross borders.
 */
export class ConsultationData extends EventData {
  @IsIn(CONSULTATION_STATUSES) status!: ConsultationStatus;

  @NestedObject(() => TrilingualTitle)
  @HasOriginalLanguage('originalLanguage')
  title!: TrilingualTitle;

  @IsOptional()
  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  description?: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];

  /** The themes contributions may be tagged with. */
  @NestedArray(() => ConsultationTheme, { minSize: 1, maxSize: 50 })
  @ArrayUnique((theme: ConsultationTheme) => theme.key)
  themes!: ConsultationTheme[];

  /**
   * The communities addressed, as the organisers name them: proper names, written once in
   * their own spelling rather than translated.
   */
  @IsOptional()
  @IsTextList({ maxSize: CONSULTATION_COMMUNITIES_MAX, maxLength: TITLE_MAX_LENGTH })
  communities?: string[];

  /** The organising agency. */
  @IsAgency() agency!: string;

  /** When contributions are first taken; the consultation is `scheduled` before. */
  @IsTimestamp() opensAt!: string;
  /** When it closes by itself; without it, it stays open until closed by hand. */
  @IsOptional() @IsTimestamp() closesAt?: string;

  /** An expert-network exchange the consultation follows up, by its id and the country that owns it. */
  @IsOptional() @IsEntityId() exchangeId?: string;
  @IsOptional() @IsIn(COUNTRY_CODES) exchangeCountry?: CountryCode;

  @IsTimestamp() createdAt!: string;
  @IsOptional() @IsTimestamp() openedAt?: string;
  @IsOptional() @IsTimestamp() closedAt?: string;
}
