import { IsIn, IsOptional } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { IsSubsetOf, NestedObject } from '../domain/collections';
import { IsAgency, IsEntityId, IsUserId } from '../domain/identifiers';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualText } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, EXCHANGE_STATUSES, type ExchangeStatus, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/**
 * An expertise request as every partner sees it, on `<cc>.shared.exchanges.v1`
 * (`requested`, then `closed`, each with the whole request so compaction keeps it).
 */
export class SharedExchangeData extends EventData {
  @IsIn(EXCHANGE_STATUSES) status!: ExchangeStatus;

  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  topic!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  /** Languages an answer may be written in. */
  @IsSubsetOf(LANGUAGES, { minSize: 1 }) languages!: Language[];
  /** Countries invited to answer; every partner may read the request. */
  @IsSubsetOf(COUNTRY_CODES, { minSize: 1 }) targetCountries!: CountryCode[];

  /** The requesting agency. */
  @IsAgency() agency!: string;

  @IsTimestamp() createdAt!: string;
  @IsOptional() @IsTimestamp() closedAt?: string;
}

/** The full internal view, on `<cc>.expert-network.events.v1`. */
export class ExchangeData extends SharedExchangeData {
  /** The requester's account. */
  @IsUserId() requestedBy!: string;
}

/**
 * An answer to a request, written by the responder's own node (`country`), which may
 * differ from the request's. It is its own subject: the responder's node cannot advance
 * the request's version, and compaction then keeps every response.
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

  @IsTimestamp() createdAt!: string;
}

/** The full internal view, on `<cc>.expert-network.events.v1`. */
export class ExchangeResponseData extends SharedExchangeResponseData {
  /** The responder's account. */
  @IsUserId() respondedBy!: string;
}
