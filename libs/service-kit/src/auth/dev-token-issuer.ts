import type { CountryCode } from '@naperj/contracts';
import { importJWK, SignJWT } from 'jose';
import { loadOrCreateIssuerKeys } from './issuer-key-store';
import { type Role, TRILATERAL_CLAIM } from '@naperj/contracts';
import { issuerOf, TOKEN_ALGORITHM, TOKEN_AUDIENCE } from './token-profile';

export interface DevTokenRequest {
  /** Where the local issuer keys live (created on first use). */
  secretsDir: string;
  /** The node whose local issuer signs the token; also the `country` claim. */
  country: CountryCode;
  /** `dev-<country>-<agency>` by default. */
  sub?: string;
  agency: string;
  roles: Role[];
  /** Adds the trilateral claim: the caller may read shared data classified `confidential`. */
  trilateral?: boolean;
  /** A jose time span, e.g. `12h` (the default) or `-1h` for an expired token. */
  expiresIn?: string;
}

/** A token signed by the local dev issuer of `country`, as the CLI `npm run token` prints. */
export async function issueDevToken(request: DevTokenRequest): Promise<string> {
  const { secretsDir, country, sub, agency, roles, trilateral, expiresIn = '12h' } = request;
  const { kid, privateJwk } = await loadOrCreateIssuerKeys(secretsDir, country);
  return new SignJWT({ country, agency, roles, ...(trilateral ? { [TRILATERAL_CLAIM]: true } : {}) })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' })
    .setSubject(sub ?? defaultDevSubject(country, agency))
    .setIssuer(issuerOf(country))
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(privateJwk, TOKEN_ALGORITHM));
}

/** A stable subject for a dev token, e.g. `dev-mx-sre` for agency `SRE`. */
export function defaultDevSubject(country: CountryCode, agency: string): string {
  const slug = agency
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `dev-${country}-${slug}`;
}
