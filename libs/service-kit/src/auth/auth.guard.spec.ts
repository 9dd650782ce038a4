import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, type INestApplication, Post } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { importJWK, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import type { ServiceConfig } from '../config/service-config';
import { CurrentPrincipal, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import { issueDevToken } from './dev-token-issuer';
import { type IssuerKeys, loadOrCreateIssuerKeys } from './issuer-key-store';
import type { Principal } from './principal';

@Controller('things')
class ThingsController {
  @Public()
  @Get('public')
  openToAll(): { open: true } {
    return { open: true };
  }

  @Roles('submitter')
  @Post()
  create(@CurrentPrincipal() principal: Principal): { createdBy: string } {
    return { createdBy: principal.sub };
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

const MX_ISSUER = 'urn:naperj:mx:issuer';
const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The body of Nest's own error responses, as far as these tests read it. */
type NestError = { message: string };

describe('AuthGuard on the mx node', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-auth-'));
  const config: Pick<ServiceConfig, 'country' | 'auth'> = {
    country: 'mx',
    auth: { issuer: MX_ISSUER, audience: 'naperj', secretsDir },
  };
  let app: INestApplication<Server>;
  let mxKeys: IssuerKeys;

  const devToken = (overrides: Partial<Parameters<typeof issueDevToken>[0]> = {}): Promise<string> =>
    issueDevToken({ secretsDir, country: 'mx', agency: 'SRE', roles: ['submitter'], ...overrides });

  /** Signs exactly `claims` (nothing added) with an Ed25519 private JWK. */
  const signClaims = async (claims: JWTPayload, privateJwk: JWK = mxKeys.privateJwk): Promise<string> =>
    new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid }).sign(await importJWK(privateJwk, 'EdDSA'));

  const validClaims = (): JWTPayload => ({
    sub: 'ana',
    country: 'mx',
    agency: 'SRE',
    roles: ['submitter'],
    iss: MX_ISSUER,
    aud: 'naperj',
    iat: nowSeconds(),
    exp: nowSeconds() + 300,
  });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }), AuthModule],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    mxKeys = await loadOrCreateIssuerKeys(secretsDir, 'mx');
  });

  afterAll(() => app.close());

  const get = (token?: string) => withToken(request(app.getHttpServer()).get('/things'), token);
  const post = (token?: string) => withToken(request(app.getHttpServer()).post('/things'), token);
  const withToken = (test: request.Test, token: string | undefined): request.Test =>
    token === undefined ? test : test.set('Authorization', `Bearer ${token}`);

  it('lets anyone reach a @Public() route', async () => {
    await request(app.getHttpServer()).get('/things/public').expect(200, { open: true });
  });

  it('lets a valid token of the node issuer reach a route without @Roles(), whatever its roles', async () => {
    const response = await get(await devToken({ sub: 'ana', roles: [] })).expect(200);

    expect(response.body).toEqual({ sub: 'ana', country: 'mx', agency: 'SRE', roles: [], trilateral: false });
  });

  it('lets a caller of the node with the role write (201)', async () => {
    await post(await devToken({ sub: 'ana' })).expect(201, { createdBy: 'ana' });
  });

  describe('answers 401 with an invalid_token challenge', () => {
    const unknownKey = (): JWK => ({ ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid: mxKeys.kid });

    it.each<[string, () => Promise<string | undefined>, string]>([
      ['no token', () => Promise.resolve(undefined), 'Missing bearer token'],
      ['a token of the us issuer', () => issueDevToken({ secretsDir, country: 'us', agency: 'SRE', roles: ['submitter'] }), 'Invalid bearer token'],
      ['the right iss signed by an unknown key', () => signClaims(validClaims(), unknownKey()), 'signature verification failed'],
      ['the us iss signed by the mx key', () => signClaims({ ...validClaims(), iss: 'urn:naperj:us:issuer' }), 'unexpected "iss" claim value'],
      ['an expired token', () => signClaims({ ...validClaims(), exp: nowSeconds() - 3600 }), 'The bearer token has expired'],
      ['a token without exp', () => signClaims({ ...validClaims(), exp: undefined }), 'missing required "exp" claim'],
      ['another audience', () => signClaims({ ...validClaims(), aud: 'someone-else' }), 'unexpected "aud" claim value'],
      ['an HS256 token', hs256Token, '"alg" (Algorithm) Header Parameter value not allowed'],
      ['an unsigned token', () => Promise.resolve(new UnsecuredJWT(validClaims()).encode()), '"alg" (Algorithm) Header Parameter value not allowed'],
      ['an unknown role', () => signClaims({ ...validClaims(), roles: ['submitter', 'boss'] }), '"roles" claim has unknown roles: "boss"'],
      ['a missing agency', () => signClaims({ ...validClaims(), agency: undefined }), '"agency" claim must be a non-empty string'],
      ['a garbled token', () => Promise.resolve('not.a.jwt'), 'Invalid bearer token'],
    ])('for %s', async (_case, token, message) => {
      const response = await get(await token()).expect(401);

      expect(response.headers['www-authenticate']).toBe(INVALID_TOKEN_CHALLENGE);
      expect((response.body as NestError).message).toContain(message);
    });

    it('for another authorization scheme', async () => {
      const response = await request(app.getHttpServer()).get('/things').set('Authorization', 'Basic YW5hOnNlY3JldA==').expect(401);

      expect(response.headers['www-authenticate']).toBe(INVALID_TOKEN_CHALLENGE);
    });
  });

  it('answers 403 to a valid token without any of the required roles', async () => {
    const response = await post(await devToken({ roles: ['reviewer', 'expert'] })).expect(403);

    expect((response.body as NestError).message).toBe('This action needs one of the roles: submitter');
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  it('answers 403 to a write by a caller of another country, even with the role', async () => {
    const usCaller = await signClaims({ ...validClaims(), country: 'us' });

    const response = await post(usCaller).expect(403);

    expect((response.body as NestError).message).toBe('People act on their own node: a caller of us cannot write on the mx node');
    await get(usCaller).expect(200);
  });

  async function hs256Token(): Promise<string> {
    return new SignJWT(validClaims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long'));
  }
});
