import type { CountryCode } from '@naperj/contracts';
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { ServiceConfig } from '../config/service-config';
import { InvalidTokenError } from './invalid-token.error';
import { createKeyResolver } from './key-resolver';
import { type Principal, principalFromClaims } from './principal';
import { TOKEN_ALGORITHM, TOKEN_CLOCK_TOLERANCE } from './token-profile';

/** Turns a bearer token of this node's issuer into the Principal it proves. */
export class TokenVerifier {
  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly expected: { issuer: string; audience: string },
  ) {}

  /** Throws InvalidTokenError unless the token is valid, unexpired and carries every claim. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        ...this.expected,
        algorithms: [TOKEN_ALGORITHM],
        requiredClaims: ['exp'],
        clockTolerance: TOKEN_CLOCK_TOLERANCE,
      });
      return principalFromClaims(payload);
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The bearer token has expired');
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(`Invalid bearer token: ${error.message}`);
      throw error;
    }
  }
}

/** The verifier of the node `country` configured with `auth`. */
export async function createTokenVerifier(auth: ServiceConfig['auth'], country: CountryCode): Promise<TokenVerifier> {
  const keys = await createKeyResolver(auth, country);
  return new TokenVerifier(keys, { issuer: auth.issuer, audience: auth.audience });
}
