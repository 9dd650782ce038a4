import {
  ACTION_AREAS,
  type ActionArea,
  CONSULTATION_COMMUNITIES_MAX,
  ConsultationTheme,
  COUNTRY_CODES,
  type CountryCode,
  HasOriginalLanguage,
  IsEntityId,
  IsSubsetOf,
  IsTextList,
  LANGUAGES,
  type Language,
  NestedArray,
  NestedObject,
  Omittable,
  TITLE_MAX_LENGTH,
  TrilingualText,
  TrilingualTitle,
} from '@naperj/contracts';

import { ArrayUnique, IsIn, IsISO8601 } from 'class-validator';
import { PageQuery } from '@naperj/service-kit';

const DATE_TIME = { strict: true, strictSeparator: true } as const;

/** `POST /api/v1/consultations`. */
export class CreateConsultationRequest {
  @NestedObject(() => TrilingualTitle)
  @HasOriginalLanguage('originalLanguage')
  title!: TrilingualTitle;

  @Omittable()
  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  description?: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];

  @NestedArray(() => ConsultationTheme, { minSize: 1, maxSize: 50 })
  @ArrayUnique((theme: ConsultationTheme) => theme.key, { message: 'each theme key must be unique' })
  themes!: ConsultationTheme[];

  @Omittable() @IsTextList({ maxSize: CONSULTATION_COMMUNITIES_MAX, maxLength: TITLE_MAX_LENGTH }) communities?: string[];

  /** An ISO 8601 date-time; now when absent. */
  @Omittable() @IsISO8601(DATE_TIME) opensAt?: string;
  @Omittable() @IsISO8601(DATE_TIME) closesAt?: string;

  @Omittable() @IsEntityId() exchangeId?: string;
  @Omittable() @IsIn(COUNTRY_CODES) exchangeCountry?: CountryCode;
}

/** `GET /api/v1/consultations` paging. */
export class ListConsultationsQuery extends PageQuery {}
