import { IsIn } from 'class-validator';
import { Omittable } from './conditional';
import { IsSubsetOf } from './collections';

/*
 * What a contributor may say about themselves, each answer optional and coarse: a finer
 * vocabulary (exact age, a named community) could single a person out in a small place.
 * These answers never leave the node; they are never counted in shared insights.
 */

export const AGE_BANDS = ['under-18', '18-29', '30-44', '45-59', '60-plus', 'prefer-not-to-say'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Self-described gender, in categories broad enough to hold many answers. */
export const GENDERS = ['woman', 'man', 'non-binary', 'another-gender', 'prefer-not-to-say'] as const;
export type Gender = (typeof GENDERS)[number];

/** Communities a contributor identifies with; several may apply. */
export const IDENTITY_GROUPS = [
  'indigenous',
  'black-afro-descendant',
  'asian-descent',
  'latin-american-descent',
  'middle-eastern-north-african-descent',
  'migrant-refugee',
  'another-group',
  'prefer-not-to-say',
] as const;
export type IdentityGroup = (typeof IDENTITY_GROUPS)[number];

/** A contributor's optional, self-described demographics. */
export class ContributorDemographics {
  @Omittable() @IsIn(AGE_BANDS) ageBand?: AgeBand;
  @Omittable() @IsIn(GENDERS) gender?: Gender;
  @Omittable() @IsSubsetOf(IDENTITY_GROUPS, { minSize: 1 }) identityGroups?: IdentityGroup[];
}
