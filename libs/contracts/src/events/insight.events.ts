import { ArrayUnique, IsBoolean, IsIn, IsNotEmptyObject, IsOptional } from 'class-validator';
import { IsSubsetOf, NestedArray, NestedObject } from '../domain/collections';
import { IsEntityId, IsThemeKey } from '../domain/identifiers';
import { IsSuppressibleCount } from '../domain/k-anonymity';
import { IsTimestamp } from '../domain/timestamp';
import { HasOriginalLanguage, TrilingualTitle } from '../domain/trilingual';
import { ACTION_AREAS, type ActionArea, LANGUAGES, type Language } from '../domain/vocabularies';
import { EventData } from './event-data';

/** At most this many themes per consultation, so at most this many rows per insight. */
export const INSIGHT_THEMES_MAX = 50;

/** A count of contributions, or `null` when suppressed. */
export class SuppressibleCount {
  @IsSuppressibleCount('suppressed') count!: number | null;
  /** Below k, too close to a count published before, or hidden so that such a count cannot be derived from the others. */
  @IsBoolean() suppressed!: boolean;
}

/** A row total: the consenting contributions that raised one theme, whatever their action areas. */
export class ThemeCount extends SuppressibleCount {
  @IsThemeKey() key!: string;

  // Nested, so the insight's originalLanguage is out of reach: any language will do.
  @NestedObject(() => TrilingualTitle)
  @IsNotEmptyObject({ nullable: false })
  label!: TrilingualTitle;
}

/** A column total: the consenting contributions about one action area, whatever their themes. */
export class ActionAreaCount extends SuppressibleCount {
  @IsIn(ACTION_AREAS) actionArea!: ActionArea;
}

/** The consenting contributions that raised one theme about one action area. */
export class InsightCell extends SuppressibleCount {
  @IsThemeKey() theme!: string;
  @IsIn(ACTION_AREAS) actionArea!: ActionArea;
}

/**
 * One consultation's community insights, already k-suppressed: the same view on
 * `<cc>.community-engagement.events.v1` and `<cc>.shared.insights.v1`. Its id is derived from
 * the consultation's, one insight per consultation, and each new version replaces the last
 * (docs/architecture.md, REST: community-engagement, for when one is published and what is
 * suppressed). Counts only: no contribution, testimony, contact or demographic ever appears.
 *
 * A contribution counts in every cell of its themes × action areas, and once in each of its
 * themes' and areas' totals and in `total`, so a total can be less than the sum of its cells.
 */
export class InsightData extends EventData {
  @IsEntityId() consultationId!: string;

  /** The consultation's title. */
  @NestedObject(() => TrilingualTitle)
  @HasOriginalLanguage('originalLanguage')
  title!: TrilingualTitle;

  @IsIn(LANGUAGES) originalLanguage!: Language;

  /** The consultation's action areas: the columns, in this order. */
  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: ActionArea[];

  /** Set once the consultation has closed: this version is its final count unless contributions are withdrawn later. */
  @IsOptional() @IsTimestamp() closedAt?: string;

  /** Per theme (the rows, in the consultation's order). */
  @NestedArray(() => ThemeCount, { minSize: 1, maxSize: INSIGHT_THEMES_MAX })
  @ArrayUnique((theme: ThemeCount) => theme.key)
  themes!: ThemeCount[];

  /** Per action area (the columns, in the order of `actionAreas`). */
  @NestedArray(() => ActionAreaCount, { minSize: 1, maxSize: ACTION_AREAS.length })
  @ArrayUnique((area: ActionAreaCount) => area.actionArea)
  actionAreaCounts!: ActionAreaCount[];

  /** Every theme × action area, row by row. */
  @NestedArray(() => InsightCell, { minSize: 1, maxSize: INSIGHT_THEMES_MAX * ACTION_AREAS.length })
  @ArrayUnique((cell: InsightCell) => `${cell.theme} ${cell.actionArea}`)
  cells!: InsightCell[];

  /** Every consenting contribution counted. */
  @NestedObject(() => SuppressibleCount) total!: SuppressibleCount;

  @IsTimestamp() computedAt!: string;
}
