import { COUNTRY_CODES, type CountryCode, isCountryCode, TRILATERAL_CLAIM } from '@naperj/contracts';
import type { JWTPayload } from 'jose';
import { InvalidTokenError } from './invalid-token.error';
import { isRole, type Role } from '@naperj/contracts';

/** Who calls: the verified claims of the bearer token. */
export interface Principal {
  sub: string;
  country: CountryCode;
  agency: string;
  roles: Role[];
  /** Holds the trilateral claim: may read shared data classified `confidential`. */
  trilateral: boolean;
}

/** The principal a verified token's claims describe; throws InvalidTokenError on any missing or unknown value. */
export function principalFromClaims(claims: JWTPayload): Principal {
  const { sub, country, agency, roles } = claims;
  const trilateral = claims[TRILATERAL_CLAIM] ?? false;
  if (!isNonEmptyString(sub)) throw invalidClaim('"sub" claim must be a non-empty string');
  if (!isCountryCode(country)) throw invalidClaim(`"country" claim must be one of ${COUNTRY_CODES.join(', ')}`);
  if (!isNonEmptyString(agency)) throw invalidClaim('"agency" claim must be a non-empty string');
  if (!Array.isArray(roles)) throw invalidClaim('"roles" claim must be an array');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw invalidClaim(`"roles" claim has unknown roles: ${unknown.map((role) => JSON.stringify(role)).join(', ')}`);
  }
  if (typeof trilateral !== 'boolean') throw invalidClaim(`"${TRILATERAL_CLAIM}" claim must be true or false`);
  return { sub, country, agency, roles: [...new Set(roles as Role[])], trilateral };
}

function invalidClaim(reason: string): InvalidTokenError {
  return new InvalidTokenError(`Invalid bearer token: ${reason}`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
