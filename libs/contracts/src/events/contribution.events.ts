import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean } from 'class-validator';
import { IsSubsetOf, NestedObject } from '../domain/collections';
import { IsEntityId, IsThemeKey } from '../domain/identifiers';
import { IsTimestamp } from '../domain/timestamp';
import { ACTION_AREAS, type ActionArea } from '../domain/vocabularies';
import { EventData } from './event-data';

/*
 * Contribution events stay on `<cc>.community-engagement.events.v1` and carry ids,
 * themes, action areas and consent flags only. Not even the testimony's language: a rare
 * language in a small community could name its speaker. The testimony text, contact and demographics never
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
  /** Keys of the consultation's themes. */
  @IsArray() @ArrayUnique() @ArrayMinSize(1) @ArrayMaxSize(50) @IsThemeKey({ each: true }) themes!: string[];
  /** Among the consultation's action areas: insights count each theme × action area. */
  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];
  @NestedObject(() => ContributionConsent) consent!: ContributionConsent;
  @IsTimestamp() receivedAt!: string;
}

/** Moderation took the contribution out of listings and insights; it is not erased. */
export class ContributionHiddenData extends EventData {
  @IsEntityId() consultationId!: string;
  @IsTimestamp() hiddenAt!: string;
}
