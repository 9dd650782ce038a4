// @ts-check
/**
 * The operator's token. The node verifies it on every call; what the browser reads of it
 * here only spares a round trip for the obvious mistakes (a truncated paste, an expired
 * token, another node's, a missing role) and says when the session ends.
 */

/**
 * @typedef {object} TokenClaims
 * @property {string} [sub]
 * @property {string} [country]
 * @property {string} [agency]
 * @property {string[]} [roles]
 * @property {number} [exp] seconds since the epoch
 */

/** @typedef {{ ok: true, token: string, claims: TokenClaims } | { ok: false, problem: 'empty' | 'malformed' }} ReadToken */

/** The role the dashboard's calls need: federation status and the stream are for operators. */
export const OPERATOR_ROLE = 'operator';

/**
 * The token in what was pasted, with its claims, read but not verified.
 * @param {string} pasted
 * @returns {ReadToken}
 */
export function readToken(pasted) {
  // People paste the header value as often as the token itself.
  const token = pasted.trim().replace(/^Bearer\s+/i, '');
  if (token === '') return { ok: false, problem: 'empty' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return { ok: false, problem: 'malformed' };
  try {
    const claims = JSON.parse(decodeBase64Url(/** @type {string} */ (parts[1])));
    if (typeof claims !== 'object' || claims === null) return { ok: false, problem: 'malformed' };
    return { ok: true, token, claims };
  } catch {
    return { ok: false, problem: 'malformed' };
  }
}

/**
 * Why the node would refuse these claims on this dashboard, if it would.
 * @param {TokenClaims} claims
 * @param {string} node this node's country
 * @param {Date} now
 * @returns {{ problem: 'expired', expiredAt: Date } | { problem: 'other-node', country: string } | { problem: 'not-operator', roles: string[] } | undefined}
 */
export function tokenProblem(claims, node, now) {
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime()) return { problem: 'expired', expiredAt: new Date(claims.exp * 1000) };
  if (typeof claims.country === 'string' && claims.country !== node) return { problem: 'other-node', country: claims.country };
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  if (!roles.includes(OPERATOR_ROLE)) return { problem: 'not-operator', roles };
  return undefined;
}

/**
 * Where the token is kept: sessionStorage, so it lives in one tab and goes when the tab
 * closes, while a reload keeps the operator signed in.
 */
export class TokenStore {
  static KEY = 'naperj.dashboard.token';

  /** @param {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} storage */
  constructor(storage) {
    this.storage = storage;
  }

  /** @returns {string | undefined} */
  get() {
    return this.storage.getItem(TokenStore.KEY) ?? undefined;
  }

  /** @param {string} token */
  set(token) {
    this.storage.setItem(TokenStore.KEY, token);
  }

  clear() {
    this.storage.removeItem(TokenStore.KEY);
  }
}

/** @param {string} text */
function decodeBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
