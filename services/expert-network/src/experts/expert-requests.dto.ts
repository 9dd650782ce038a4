import {
  ACTION_AREAS,
  type ActionArea,
  CONSENT_WORDING_PATTERN,
  EXPERT_LANGUAGES_MAX,
  FRAMEWORKS,
  type Framework,
  HasOriginalLanguage,
  IsAgency,
  IsLanguageTagList,
  IsSdgTarget,
  IsSubsetOf,
  IsText,
  IsTextList,
  IsUserId,
  LANGUAGES,
  type Language,
  NestedObject,
  Omittable,
  TITLE_MAX_LENGTH,
  TrilingualText,
} from '@naperj/contracts';
import { IsArray, IsBoolean, IsEmail, IsIn, IsObject, IsOptional, Matches, MaxLength } from 'class-validator';

/** A contact kept by this node only, encrypted; it is in no event. */
export class ExpertContact {
  @IsEmail() @MaxLength(254) email!: string;
  /** As people write it: digits, spaces, `+`, `(`, `)`, `.` and `-`. */
  @Omittable() @Matches(/^\+?[0-9][0-9 ().-]{3,30}$/, { message: '$property must be a phone number such as +52 55 1234 5678' }) phone?: string;
}

/** What the expert agrees to; the server records when (`givenAt`). */
export class ConsentRequest {
  @IsBoolean() shareProfile!: boolean;
  @IsBoolean() contactable!: boolean;
  @IsBoolean() review!: boolean;
  @Matches(CONSENT_WORDING_PATTERN, { message: '$property must name a consent wording version such as 2026-09' }) wordingVersion!: string;
}

/** The fields of a profile the expert (or a liaison for them) writes: what `PATCH` merges into. */
export class ExpertFields {
  @IsText(TITLE_MAX_LENGTH) name!: string;
  @Omittable() @IsText(TITLE_MAX_LENGTH) affiliation?: string;
  @NestedObject(() => TrilingualText) @HasOriginalLanguage('originalLanguage') bio!: TrilingualText;
  @IsIn(LANGUAGES) originalLanguage!: Language;
  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  @Omittable() @IsArray() @IsSdgTarget({ each: true }) sdgTargets?: string[];
  @Omittable() @IsSubsetOf(FRAMEWORKS) frameworks?: Framework[];
  /** Canonical BCP 47 tags: any language, Indigenous languages included (`nah`, `oj`, `es-MX`). */
  @IsLanguageTagList({ minSize: 1, maxSize: EXPERT_LANGUAGES_MAX }) languages!: string[];
  @Omittable() @IsTextList({ maxSize: 20, maxLength: TITLE_MAX_LENGTH }) populations?: string[];
  @Omittable() @NestedObject(() => ExpertContact) contact?: ExpertContact;
  @NestedObject(() => ConsentRequest) consent!: ConsentRequest;
}

/**
 * `POST /api/v1/experts`. Without `userId` the caller registers themself; naming another
 * account is for a liaison or an admin, who may also name its `agency` (their own by default).
 */
export class RegisterExpertRequest extends ExpertFields {
  @Omittable() @IsUserId() userId?: string;
  @Omittable() @IsAgency() agency?: string;
}

/**
 * `PATCH /api/v1/experts/{id}`: a JSON merge patch (RFC 7396) of the profile's fields; `null`
 * removes an optional field (`contact: null` erases the contact). Nested objects merge, so
 * `{"consent": {"shareProfile": false}}` changes that one choice. The merged profile must be
 * valid as a whole; the account and agency do not change.
 */
export class UpdateExpertRequest {
  @IsOptional() @IsText(TITLE_MAX_LENGTH) name?: string;
  @IsOptional() @IsText(TITLE_MAX_LENGTH) affiliation?: string | null;
  @IsOptional() @IsObject() bio?: Partial<TrilingualText>;
  @IsOptional() @IsIn(LANGUAGES) originalLanguage?: Language;
  @IsOptional() @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas?: ActionArea[];
  @IsOptional() @IsArray() @IsSdgTarget({ each: true }) sdgTargets?: string[] | null;
  @IsOptional() @IsSubsetOf(FRAMEWORKS) frameworks?: Framework[] | null;
  @IsOptional() @IsLanguageTagList({ minSize: 1, maxSize: EXPERT_LANGUAGES_MAX }) languages?: string[];
  @IsOptional() @IsTextList({ maxSize: 20, maxLength: TITLE_MAX_LENGTH }) populations?: string[] | null;
  @IsOptional() @IsObject() contact?: Partial<ExpertContact> | null;
  @IsOptional() @IsObject() consent?: Partial<ConsentRequest>;
}
