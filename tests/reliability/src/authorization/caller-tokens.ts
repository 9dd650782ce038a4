import { type CountryCode, type Role, ROLES, TRILATERAL_CLAIM } from '@naperj/contracts';
import { issuerOf, loadOrCreateIssuerKeys, TOKEN_ALGORITHM, TOKEN_AUDIENCE } from '@naperj/service-kit';
import { base64url, type CryptoKey, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';

/** A caller's roles: one of the ROLES, none at all, or one no node knows. */
export type CallerRole = Role | 'none' | 'unknown';

export const CALLER_ROLES: readonly CallerRole[] = [...ROLES, 'none', 'unknown'];

export interface Caller {
  role: CallerRole;
  /** The `country` claim: the node's own country, or a partner's. */
  country: CountryCode;
}

/**
 * How the caller presents itself: no token, a valid one, or one a node must refuse (expired,
 * forged in one way or another, meant for another audience, or of another issuer).
 */
export const TOKEN_VARIANTS = [
  'none',
  'valid',
  'expired',
  // Signed, but valid for ever: the node's tokens must expire.
  'no-expiry',
  // Signed, with the trilateral claim neither true nor false.
  'malformed-claim',
  'tampered-signature',
  // The payload of a valid token swapped for one holding every role, its signature kept.
  'tampered-claims',
  'alg-none',
  // HS256 keyed with the issuer's public key, which a verifier trusting the header would accept.
  'algorithm-confusion',
  'wrong-audience',
  // Signed with the node's issuer key but naming a partner's issuer.
  'wrong-issuer',
  // A genuine token of a partner's issuer.
  'foreign-issuer',
] as const;

export type TokenVariant = (typeof TOKEN_VARIANTS)[number];

const ONE_HOUR_S = 3600;
const AGENCY = 'reliability';

interface SigningKey {
  kid: string;
  key: CryptoKey | Uint8Array;
  publicJwk: JWK;
  issuer: string;
}

/** Bearer tokens of every variant for any caller, signed with the local issuer keys of the node and of a partner. */
export class CallerTokens {
  private constructor(
    private readonly node: SigningKey,
    private readonly foreign: SigningKey,
  ) {}

  /** Creates the issuer keys of `nodeCountry` (which its services then trust) and `foreignCountry` in `secretsDir` when missing. */
  static async create(secretsDir: string, nodeCountry: CountryCode, foreignCountry: CountryCode): Promise<CallerTokens> {
    return new CallerTokens(await signingKey(secretsDir, nodeCountry), await signingKey(secretsDir, foreignCountry));
  }

  /** The Authorization header value: none for the variant `none`, else the caller's token of that variant. */
  async authorization(variant: TokenVariant, caller: Caller | undefined): Promise<string | undefined> {
    if (variant === 'none') return undefined;
    if (!caller) throw new Error(`A ${variant} token needs a caller`);
    return `Bearer ${await this.token(caller, variant)}`;
  }

  private async token(caller: Caller, variant: Exclude<TokenVariant, 'none'>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const valid = { ...claimsOf(caller), iss: this.node.issuer, aud: TOKEN_AUDIENCE, iat: now, exp: now + ONE_HOUR_S };
    switch (variant) {
      case 'valid':
        return sign(valid, this.node);
      case 'expired':
        return sign({ ...valid, iat: now - 2 * ONE_HOUR_S, exp: now - ONE_HOUR_S }, this.node);
      case 'no-expiry': {
        const { exp: _exp, ...forever } = valid;
        return sign(forever, this.node);
      }
      case 'malformed-claim':
        return sign({ ...valid, [TRILATERAL_CLAIM]: 'yes' }, this.node);
      case 'tampered-signature': {
        const [header, payload, signature] = (await sign(valid, this.node)).split('.') as [string, string, string];
        const bytes = base64url.decode(signature);
        bytes[0]! ^= 0xff;
        return `${header}.${payload}.${base64url.encode(bytes)}`;
      }
      case 'tampered-claims': {
        const [header, , signature] = (await sign(valid, this.node)).split('.') as [string, string, string];
        return `${header}.${encodeJson({ ...valid, roles: [...ROLES] })}.${signature}`;
      }
      case 'alg-none':
        return `${encodeJson({ alg: 'none', typ: 'JWT' })}.${encodeJson(valid)}.`;
      case 'algorithm-confusion':
        return new SignJWT(valid).setProtectedHeader({ alg: 'HS256', kid: this.node.kid, typ: 'JWT' }).sign(base64url.decode(this.node.publicJwk.x ?? ''));
      case 'wrong-audience':
        return sign({ ...valid, aud: 'urn:naperj:another-audience' }, this.node);
      case 'wrong-issuer':
        return sign({ ...valid, iss: this.foreign.issuer }, this.node);
      case 'foreign-issuer':
        return sign({ ...valid, iss: this.foreign.issuer }, this.foreign);
    }
  }
}

function claimsOf({ role, country }: Caller): JWTPayload {
  const roles = role === 'none' ? [] : role === 'unknown' ? ['superuser'] : [role];
  return { sub: `${AGENCY}-${country}-${role}`, country, agency: AGENCY, roles };
}

async function signingKey(secretsDir: string, country: CountryCode): Promise<SigningKey> {
  const { kid, privateJwk, publicJwk } = await loadOrCreateIssuerKeys(secretsDir, country);
  return { kid, key: await importJWK(privateJwk, TOKEN_ALGORITHM), publicJwk, issuer: issuerOf(country) };
}

function sign(payload: JWTPayload, { kid, key }: SigningKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' }).sign(key);
}

function encodeJson(value: object): string {
  return base64url.encode(JSON.stringify(value));
}
