import { IsIn } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { IsSubsetOf, NestedObject } from '../domain/collections';
import { Omittable } from '../domain/conditional';
import { IsLanguageTagList } from '../domain/language-tag';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualText } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, LANGUAGES, type Language } from '../domain/vocabularies';
import { EXCHANGE_LANGUAGES_MAX, ExchangeOutcome } from '../events/exchange.events';

/** `POST /api/v1/exchanges`: the caller's agency asks the network. */
export class CreateExchangeRequest {
  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  question!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;
  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  /** The languages the agency works in, as canonical BCP 47 tags (`nah`, `oj`, `es-MX`). */
  @IsLanguageTagList({ minSize: 1, maxSize: EXCHANGE_LANGUAGES_MAX }) languages!: string[];
  /** Whose experts are invited to answer; the node's own country too when its experts may. */
  @IsSubsetOf(COUNTRY_CODES, { minSize: 1 }) targetCountries!: CountryCode[];
  /** Answers are taken until then: in the future, and within a year. */
  @IsTimestamp() dueAt!: string;
}

/** `POST /api/v1/exchanges/{id}/responses`: an expert answers, on their own node. */
export class RespondToExchangeRequest {
  @NestedObject(() => TrilingualText)
  @HasOriginalLanguage('originalLanguage')
  message!: TrilingualText;

  @IsIn(LANGUAGES) originalLanguage!: Language;
}

/** `POST /api/v1/exchanges/{id}/close`: the asking agency ends it, saying what came of it if it knows. */
export class CloseExchangeRequest {
  @Omittable() @NestedObject(() => ExchangeOutcome) outcome?: ExchangeOutcome;
}
