import {
  ACTION_AREAS,
  type ActionArea,
  ContributorDemographics,
  IsLanguageTag,
  IsSubsetOf,
  IsText,
  IsThemeKey,
  NestedObject,
  Omittable,
  REASON_MAX_LENGTH,
} from '@naperj/contracts';

import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsNotEmptyObject, IsString, Matches, MaxLength } from 'class-validator';
import { RECEIPT_CODE_PATTERN } from './receipt-code';
import { PageQuery } from '@naperj/service-kit';

/** A testimony fits a page; longer ones are refused rather than cut. */
export const TESTIMONY_MAX_LENGTH = 5_000;
const WORDING_VERSION_MAX_LENGTH = 64;
const PHONE_PATTERN = /^\+?[0-9 ()./-]{5,30}$/;

/** How the contributor may be reached; kept encrypted, never listed, never in an event. */
export class ContributionContact {
  @Omittable() @IsEmail() @MaxLength(254) email?: string;
  @Omittable() @IsString() @Matches(PHONE_PATTERN, { message: 'phone must be a phone number such as +52 741 123 4567' }) phone?: string;
}

/** What the contributor agreed to, under which wording of the consent text. */
export class ContributionConsentRequest {
  /** The testimony may be kept; without it the text is discarded once tagged. */
  @IsBoolean() store!: boolean;
  /** The contribution may be counted in anonymized insights shared with the partners. */
  @IsBoolean() shareAnonymized!: boolean;
  /** The version of the consent wording the contributor was shown, e.g. `2026-09`. */
  @IsText(WORDING_VERSION_MAX_LENGTH) wordingVersion!: string;
}

/** `POST /api/v1/consultations/{id}/contributions` and its public twin. */
export class CreateContributionRequest {
  /** The testimony, in any language. */
  @IsText(TESTIMONY_MAX_LENGTH) text!: string;
  /** The testimony's language, a canonical BCP 47 tag (`nah`, `es-MX`, `oj`). */
  @IsLanguageTag() language!: string;
  /** Keys of the consultation's themes. */
  @IsArray() @ArrayUnique() @ArrayMinSize(1) @ArrayMaxSize(50) @IsThemeKey({ each: true }) themes!: string[];
  /** Among the consultation's action areas; all of them when absent. */
  @Omittable() @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas?: ActionArea[];
  @Omittable() @NestedObject(() => ContributorDemographics) demographics?: ContributorDemographics;
  @Omittable()
  @NestedObject(() => ContributionContact)
  @IsNotEmptyObject({ nullable: false }, { message: 'contact must name an email or a phone' })
  contact?: ContributionContact;
  @NestedObject(() => ContributionConsentRequest) consent!: ContributionConsentRequest;
}

/** `POST /api/v1/contributions/{id}/hide`. */
export class HideContributionRequest {
  @IsText(REASON_MAX_LENGTH) reason!: string;
}

/**
 * `DELETE /api/v1/contributions/{id}`: a participant sends the receipt code in the body, which
 * is never logged (request headers are); a liaison sends a bearer token and no code.
 */
export class EraseContributionRequest {
  @Omittable() @IsString() @Matches(RECEIPT_CODE_PATTERN, { message: 'receiptCode must be the code given when contributing' }) receiptCode?: string;
}

/** `GET /api/v1/consultations/{id}/contributions` paging. */
export class ListContributionsQuery extends PageQuery {}
