/** The roles a token may carry (docs/architecture.md, Auth and roles). */
export const ROLES = ['submitter', 'reviewer', 'expert', 'liaison', 'operator', 'integrator', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/**
 * The token claim (`"trilateral": true`) that clears a caller for what the three countries
 * share among themselves: shared data classified `confidential` (docs/architecture.md, Auth and
 * roles). Without it a caller reads shared data classified `public` only, whatever its roles.
 */
export const TRILATERAL_CLAIM = 'trilateral';

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}
