/**
 * Prints only a JWT signed by a country's local dev issuer, for curl and the like:
 *
 *   npm run -s token -- --country mx --roles submitter,reviewer --agency SRE [--sub ID] [--expires-in 12h] [--trilateral]
 *
 * `--trilateral` adds the claim `"trilateral": true` (libs/contracts TRILATERAL_CLAIM), which
 * clears the caller for shared data classified `confidential`.
 *
 * The issuer key pair lives in `$NAPERJ_SECRETS_DIR/<cc>/` (default `.secrets`, from the
 * current folder) and is created on first use. This script may not import the library, so
 * the key files are the contract with libs/service-kit/src/auth/issuer-key-store.ts: same
 * paths, JWK format, `kid` and race-free creation. libs/service-kit/src/auth/token-cli.spec.ts
 * proves both sides agree.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importJWK, type JWK, SignJWT } from 'jose';
import { COUNTRIES, type Country } from './topology.mts';

const ROLES = ['submitter', 'reviewer', 'expert', 'liaison', 'operator', 'integrator', 'admin'];
const USAGE = `usage: npm run -s token -- --country ${COUNTRIES.join('|')} --roles ROLE[,ROLE...] --agency NAME
         [--sub ID] [--expires-in 12h] [--trilateral]
  roles: ${ROLES.join(', ')}
  --trilateral: the caller may read what the three countries share among themselves (confidential data)`;

class UsageError extends Error {}

interface TokenRequest {
  country: Country;
  roles: string[];
  agency: string;
  sub: string;
  expiresIn: string;
  trilateral: boolean;
}

function parseRequest(args: string[]): TokenRequest {
  const { values } = parseOptions(args);
  const country = values.country as Country;
  if (!COUNTRIES.includes(country)) {
    throw new UsageError(`--country must be one of ${COUNTRIES.join(', ')}; got "${values.country ?? ''}"`);
  }
  const roles = (values.roles ?? '').split(',').map((role) => role.trim());
  if (roles.some((role) => !ROLES.includes(role))) {
    throw new UsageError(`--roles must list some of ${ROLES.join(', ')}; got "${values.roles ?? ''}"`);
  }
  const agency = values.agency?.trim();
  if (!agency) throw new UsageError('--agency is required, e.g. --agency SRE');
  const expiresIn = values['expires-in'] ?? '12h';
  if (!/^[1-9]\d*[smhd]$/.test(expiresIn)) {
    throw new UsageError(`--expires-in must be a duration such as 90m, 12h or 7d; got "${expiresIn}"`);
  }
  const sub = values.sub?.trim() || defaultDevSubject(country, agency);
  return { country, roles: [...new Set(roles)], agency, sub, expiresIn, trilateral: values.trilateral ?? false };
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        country: { type: 'string' },
        roles: { type: 'string' },
        agency: { type: 'string' },
        sub: { type: 'string' },
        'expires-in': { type: 'string' },
        trilateral: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Same as the library's defaultDevSubject: `dev-mx-sre` for agency `SRE`. */
function defaultDevSubject(country: Country, agency: string): string {
  const slug = agency
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `dev-${country}-${slug}`;
}

async function loadOrCreatePrivateJwk(secretsDir: string, country: Country): Promise<JWK> {
  const dir = join(secretsDir, country);
  const privateFile = join(dir, 'jwt-issuer.private.jwk.json');
  try {
    return await readJwk(privateFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const kid = `${country}-issuer-${new Date().toISOString().slice(0, 7)}`;
  const jwk: JWK = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' };
  // Written aside, then hard-linked into place: link() fails when another process stored
  // its pair first, and nobody ever reads a half-written file.
  const draft = `${privateFile}.${randomUUID()}.tmp`;
  await writeFile(draft, toJson(jwk), { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, privateFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readJwk(privateFile);
  } finally {
    await rm(draft, { force: true });
  }
  const { d, ...publicJwk } = jwk;
  await writeFile(join(dir, 'jwt-issuer.public.jwk.json'), toJson(publicJwk), { mode: 0o644 });
  return jwk;
}

async function readJwk(file: string): Promise<JWK> {
  return JSON.parse(await readFile(file, 'utf8')) as JWK;
}

function toJson(jwk: JWK): string {
  return `${JSON.stringify(jwk, null, 2)}\n`;
}

async function signToken({ country, roles, agency, sub, expiresIn, trilateral }: TokenRequest, privateJwk: JWK): Promise<string> {
  return new SignJWT({ country, agency, roles, ...(trilateral ? { trilateral: true } : {}) })
    .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(`urn:naperj:${country}:issuer`)
    .setAudience('naperj')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(privateJwk, 'EdDSA'));
}

/** A dev token of the country's local issuer, as the CLI prints it; for tools such as the seed. */
export async function issueLocalToken(
  request: Omit<TokenRequest, 'sub' | 'expiresIn' | 'trilateral'> & Partial<Pick<TokenRequest, 'sub' | 'expiresIn' | 'trilateral'>>,
  secretsDir = '.secrets',
): Promise<string> {
  const complete: TokenRequest = {
    ...request,
    sub: request.sub ?? defaultDevSubject(request.country, request.agency),
    expiresIn: request.expiresIn ?? '1h',
    trilateral: request.trilateral ?? false,
  };
  return signToken(complete, await loadOrCreatePrivateJwk(secretsDir, request.country));
}

async function main(): Promise<number> {
  let request: TokenRequest;
  try {
    request = parseRequest(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const secretsDir = process.env.NAPERJ_SECRETS_DIR || '.secrets';
  console.log(await signToken(request, await loadOrCreatePrivateJwk(secretsDir, request.country)));
  return 0;
}

if (import.meta.main) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
