import { ArrayUnique, IsIn, IsNotEmptyObject, IsOptional } from 'class-validator';
import { IsSubsetOf, NestedArray, NestedObject } from '../domain/collections';
import { IsAgency, IsThemeKey } from '../domain/identifiers';
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

/**
 * A community consultation of the node, on `<cc>.community-engagement.events.v1`
 * (`opened`, then `closed`, each with the whole consultation). Its insights, not the
 * consultation, cross borders.
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

  /** The organising agency. */
  @IsAgency() agency!: string;

  @IsTimestamp() createdAt!: string;
  @IsOptional() @IsTimestamp() closedAt?: string;
}
