import type { CountryCode } from '@naperj/contracts';

/** The one signature algorithm of naperj tokens (Ed25519). */
export const TOKEN_ALGORITHM = 'EdDSA';

export const TOKEN_AUDIENCE = 'naperj';

/** Tolerated clock skew between the issuer and the verifying service. */
export const TOKEN_CLOCK_TOLERANCE = '30s';

/** The `iss` of a node's own issuer, e.g. `urn:naperj:mx:issuer`. */
export function issuerOf(country: CountryCode): string {
  return `urn:naperj:${country}:issuer`;
}
