import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { IsEntityId } from '../domain/identifiers';
import { IsText, REASON_MAX_LENGTH } from '../domain/text';

/** What the data of every event carries (docs/architecture.md, Event data). */
export class EventData {
  /** The entity's id: also the event's `ce_subject` and Kafka key. */
  @IsEntityId() id!: string;

  /** The country whose node owns the entity. */
  @IsIn(COUNTRY_CODES) country!: CountryCode;

  /** Monotonic per entity: a consumer applies an event only if it holds an older version. */
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) version!: number;
}

/**
 * A withdrawal or erasure. It names what goes away and never repeats its content, so
 * nothing of the entity outlives the tombstone that follows it on a compacted topic.
 */
export class RemovalData extends EventData {
  @IsOptional() @IsText(REASON_MAX_LENGTH) reason?: string;
}
