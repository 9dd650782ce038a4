import { IsIn, IsNotEmptyObject, IsOptional } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { IsSubsetOf, NestedObject } from '../domain/collections';
import { OnlyWhen } from '../domain/conditional';
import { IsAgency, IsEntityId, IsUserId } from '../domain/identifiers';
import { IsLanguageTagList } from '../domain/language-tag';
import { IsLaterThan, IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualText } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, EXCHANGE_STATUSES, type ExchangeStatus, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/** How many working languages a request names. */
export const EXCHANGE_LANGUAGES_MAX = 20;

export const EXCHANGE_OUTCOME_KINDS = ['submission', 'action-area-proposal'] as const;
export type ExchangeOutcomeKind = (typeof EXCHANGE_OUTCOME_KINDS)[number];

/**
 * What an exchange led to, named by the asking agency when it closes it: a submission (its
 * id; the submissions service owns it, of this country or a partner's), or a proposal for a
 * new action area, in any of the three languages.
 */
export class ExchangeOutcome {
  @IsIn(EXCHANGE_OUTCOME_KINDS) kind!: ExchangeOutcomeKind;

  @OnlyWhen('kind', 'submission')
  @IsEntityId()
  submissionId?: string;

  // Nested, so the exchange's originalLanguage is out of reach: any language will do.
  @OnlyWhen('kind', 'action-area-proposal')
  @NestedObject(() => TrilingualText)
  @IsNotEmptyObject({ nullable: false })
  proposal?: TrilingualText;
}

/**
 * An expertise request as every partner sees it, on `<cc>.shared.exchanges.v1`
 * (`requested`, then `closed`, each with the whole request so compaction keeps it).
 */
export class SharedExchangeData extends EventData {
  @IsIn(EXCHANGE_STATUSES) status!: ExchangeStatus;

  /** The question put to the network. */
  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  question!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];

  /**
   * The languages the asking agency works in, as BCP 47 tags (Indigenous languages
   * included): experts who speak one of them are the ones sought. Answers themselves are
   * written in English, Spanish or French, like all content.
   */
  @IsLanguageTagList({ minSize: 1, maxSize: EXCHANGE_LANGUAGES_MAX }) languages!: string[];

  /**
   * Countries whose experts are invited to answer; the asking country's own when its experts
   * may answer too. Every partner may read the request.
   */
  @IsSubsetOf(COUNTRY_CODES, { minSize: 1 }) targetCountries!: CountryCode[];

  /** The requesting agency. */
  @IsAgency() agency!: string;

  @IsTimestamp() createdAt!: string;
  /** Answers are taken until then, and never after the exchange is closed. */
  @IsTimestamp() @IsLaterThan('createdAt') dueAt!: string;

  @OnlyWhen('status', 'closed') @IsTimestamp() closedAt?: string;
  @IsOptional() @OnlyWhen('status', 'closed') @NestedObject(() => ExchangeOutcome) outcome?: ExchangeOutcome;
}

/** The full internal view, on `<cc>.expert-network.events.v1`. */
export class ExchangeData extends SharedExchangeData {
  /** The requester's account. */
  @IsUserId() requestedBy!: string;
  /** Who closed it. */
  @OnlyWhen('status', 'closed') @IsUserId() closedBy?: string;
}

/**
 * An answer to a request, written by the responder's own node (`country`), which may
 * differ from the request's. It is its own subject: the responder's node cannot advance
 * the request's version, and compaction then keeps every response. Its id is derived from
 * the exchange and the expert, so an expert answers an exchange once: a second answer is the
 * same subject's version 1 again, which the event store refuses.
 */
export class SharedExchangeResponseData extends EventData {
  @IsEntityId() exchangeId!: string;
  @IsIn(COUNTRY_CODES) exchangeCountry!: CountryCode;

  /**
   * The responder's entry in the shared expert directory, the only public information
   * about them: name and affiliation are read there, so a consent withdrawal that erases
   * the profile also removes them from every response.
   */
  @IsEntityId() expertId!: string;

  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  message!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  /** When the responder's node recorded it: the asking node counts the time to a first answer from it. */
  @IsTimestamp() createdAt!: string;
}

/** The full internal view, on `<cc>.expert-network.events.v1`. */
export class ExchangeResponseData extends SharedExchangeResponseData {
  /** The responder's account. */
  @IsUserId() respondedBy!: string;
}
