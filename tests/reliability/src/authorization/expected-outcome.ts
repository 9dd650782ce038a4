import type { CountryCode } from '@naperj/contracts';
import type { RouteAccess } from './authorization-table';
import type { Caller, TokenVariant } from './caller-tokens';

/** What the matrix expects of a case: past authorization (any status but 401 and 403), or refused with this status. */
export type Expected = { allowed: true } | { allowed: false; status: 401 | 403 };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED: Expected = { allowed: true };
const UNAUTHENTICATED: Expected = { allowed: false, status: 401 };
const FORBIDDEN: Expected = { allowed: false, status: 403 };

/**
 * The architecture's rules (docs/architecture.md, Auth and roles): a public route takes anyone,
 * whatever token they send; otherwise only a valid token of the node's own issuer whose roles
 * are all known authenticates (else 401), a route's roles need one of them (else 403), and a
 * write needs a caller of the node's own country (else 403).
 */
export function expectedOutcome(access: RouteAccess, method: string, nodeCountry: CountryCode, variant: TokenVariant, caller?: Caller): Expected {
  if (access.public) return ALLOWED;
  if (variant !== 'valid' || !caller || caller.role === 'unknown') return UNAUTHENTICATED;
  if (access.roles !== 'any' && (caller.role === 'none' || !access.roles.includes(caller.role))) return FORBIDDEN;
  if (WRITE_METHODS.has(method) && caller.country !== nodeCountry) return FORBIDDEN;
  return ALLOWED;
}
