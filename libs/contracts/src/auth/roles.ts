/** The roles a token may carry (docs/architecture.md, Auth and roles). */
export const ROLES = ['submitter', 'reviewer', 'expert', 'liaison', 'operator', 'integrator', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}
