import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn } from 'class-validator';
import { NestedObject } from '../domain/collections';
import { IsEntityId, IsThemeKey } from '../domain/identifiers';
import { IsTimestamp } from '../domain/timestamp';
import { LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/*
 * Contribution events stay on `<cc>.community-engagement.events.v1` and carry ids,
 * themes and consent flags only. The testimony text, contact and demographics never
 * leave the service's own collection: events are read by other services, kept for
 * 30 days and copied into backups, so an erasure could not reach them there.
 */

export class ContributionConsent {
  /** The contributor agreed that the testimony be kept. */
  @IsBoolean() store!: boolean;
  /** The contributor agreed to be counted in anonymized, shared insights. */
  @IsBoolean() shareAnonymized!: boolean;
}

export class ContributionReceivedData extends EventData {
  @IsEntityId() consultationId!: string;
  /** The language the testimony was written in. */
  @IsIn(LANGUAGES) language!: Language;
  /** Keys of the consultation's themes. */
  @IsArray() @ArrayUnique() @ArrayMaxSize(50) @IsThemeKey({ each: true }) themes!: string[];
  @NestedObject(() => ContributionConsent) consent!: ContributionConsent;
  @IsTimestamp() receivedAt!: string;
}

/** Moderation took the contribution out of listings and insights; it is not erased. */
export class ContributionHiddenData extends EventData {
  @IsEntityId() consultationId!: string;
  @IsTimestamp() hiddenAt!: string;
}
