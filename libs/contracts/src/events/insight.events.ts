import { ArrayUnique, IsBoolean, IsIn, IsNotEmptyObject } from 'class-validator';
import { IsSubsetOf, NestedArray, NestedObject } from '../domain/collections';
import { IsEntityId, IsThemeKey } from '../domain/identifiers';
import { IsSuppressibleCount } from '../domain/k-anonymity';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualTitle } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/** How many consenting contributions carry one theme, or `null` when suppressed. */
export class ThemeCount {
  @IsThemeKey() key!: string;

  // Nested, so the insight's originalLanguage is out of reach: any language will do.
  @NestedObject(() => TrilingualTitle)
  @IsNotEmptyObject({ nullable: false })
  label!: TrilingualTitle;

  @IsSuppressibleCount('suppressed') count!: number | null;
  /** Below k, or hidden so that a small count cannot be derived from the others. */
  @IsBoolean() suppressed!: boolean;
}

/**
 * A snapshot of one consultation's community insights, already k-suppressed: the same
 * view on `<cc>.community-engagement.events.v1` and `<cc>.shared.insights.v1`. Each
 * recomputation (a new contribution, a hidden or erased one) publishes a new version.
 */
export class InsightData extends EventData {
  @IsEntityId() consultationId!: string;

  /** The consultation's title. */
  @NestedObject(() => TrilingualTitle)
  @HasOriginalLanguage('originalLanguage')
  title!: TrilingualTitle;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];

  @NestedArray(() => ThemeCount, { minSize: 1, maxSize: 50 })
  @ArrayUnique((theme: ThemeCount) => theme.key)
  themes!: ThemeCount[];

  @IsTimestamp() computedAt!: string;
}
