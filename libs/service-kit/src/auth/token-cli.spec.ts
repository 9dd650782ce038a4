import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { defaultDevSubject, issueDevToken } from './dev-token-issuer';
import { issuerKeyFiles, loadOrCreateIssuerKeys } from './issuer-key-store';
import { createTokenVerifier } from './token-verifier';

const CLI = resolve(__dirname, '../../../../deploy/local/token.mts');
const JWT_LINE = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run -s token -- …` as run from `cwd`, whose `.secrets` holds the keys. */
async function runCli(cwd: string, args: string[]): Promise<CliRun> {
  const { NAPERJ_SECRETS_DIR, ...env } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const readPublicJwk = (cwd: string, country: 'mx' | 'ca'): JWK =>
  JSON.parse(readFileSync(issuerKeyFiles(join(cwd, '.secrets'), country).publicKey, 'utf8')) as JWK;

/** The CLI may not import the library: the key files are their contract. */
describe('deploy/local/token.mts', () => {
  let cwd: string;

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'naperj-token-cli-'));
  });

  it('prints only a JWT signed by the local issuer key it creates in ./.secrets/<cc>', async () => {
    const { code, stdout } = await runCli(cwd, ['--country', 'mx', '--roles', 'submitter,reviewer', '--agency', 'SRE']);

    expect(code).toBe(0);
    expect(stdout).toMatch(JWT_LINE);
    const { payload, protectedHeader } = await jwtVerify(stdout.trim(), await importJWK(readPublicJwk(cwd, 'mx'), 'EdDSA'), {
      issuer: 'urn:naperj:mx:issuer',
      audience: 'naperj',
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: expect.stringMatching(/^mx-issuer-\d{4}-\d{2}$/) as unknown, typ: 'JWT' });
    expect(payload).toMatchObject({ sub: defaultDevSubject('mx', 'SRE'), country: 'mx', agency: 'SRE', roles: ['submitter', 'reviewer'] });
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
  });

  it('honours --sub and --expires-in', async () => {
    const { stdout } = await runCli(cwd, ['--country', 'mx', '--roles', 'admin', '--agency', 'SRE', '--sub', 'ana', '--expires-in', '90m']);

    const { payload } = await jwtVerify(stdout.trim(), await importJWK(readPublicJwk(cwd, 'mx'), 'EdDSA'));
    expect(payload.sub).toBe('ana');
    expect(payload.exp! - payload.iat!).toBe(90 * 60);
  });

  it('prints a token that the library verifier of that node accepts', async () => {
    const { stdout } = await runCli(cwd, ['--country', 'mx', '--roles', 'expert', '--agency', 'Secretaría de Economía']);
    const auth = { issuer: 'urn:naperj:mx:issuer', audience: 'naperj' as const, secretsDir: join(cwd, '.secrets') };

    const verifier = await createTokenVerifier(auth, 'mx');

    await expect(verifier.verify(stdout.trim())).resolves.toEqual({
      sub: 'dev-mx-secretaria-de-economia',
      country: 'mx',
      agency: 'Secretaría de Economía',
      roles: ['expert'],
      trilateral: false,
    });
  });

  it('adds the trilateral claim with --trilateral, as the library issues it', async () => {
    const { stdout } = await runCli(cwd, ['--country', 'mx', '--roles', 'integrator', '--agency', 'SRE', '--trilateral']);
    const verifier = await createTokenVerifier({ issuer: 'urn:naperj:mx:issuer', audience: 'naperj', secretsDir: join(cwd, '.secrets') }, 'mx');
    expect((await verifier.verify(stdout.trim())).trilateral).toBe(true);
    const library = await issueDevToken({ secretsDir: join(cwd, '.secrets'), country: 'mx', agency: 'SRE', roles: ['integrator'], trilateral: true });
    expect((await verifier.verify(library)).trilateral).toBe(true);
  });

  it('signs with the key the library created', async () => {
    const keys = await loadOrCreateIssuerKeys(join(cwd, '.secrets'), 'ca');

    const { stdout } = await runCli(cwd, ['--country', 'ca', '--roles', 'liaison', '--agency', 'PCO']);

    expect(decodeProtectedHeader(stdout.trim()).kid).toBe(keys.kid);
    await expect(jwtVerify(stdout.trim(), await importJWK(keys.publicJwk, 'EdDSA'))).resolves.toBeDefined();
  });

  it('creates a single key pair when several runs start at once', async () => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(cwd, ['--country', 'mx', '--roles', 'operator', '--agency', 'SRE'])));

    const publicKey = await importJWK(readPublicJwk(cwd, 'mx'), 'EdDSA');
    for (const { stdout } of runs) await expect(jwtVerify(stdout.trim(), publicKey)).resolves.toBeDefined();
  });

  it.each([
    ['an unknown role', ['--country', 'mx', '--roles', 'submitter,boss', '--agency', 'SRE'], '--roles must list some of'],
    ['no roles', ['--country', 'mx', '--agency', 'SRE'], '--roles must list some of'],
    ['an unknown country', ['--country', 'fr', '--roles', 'admin', '--agency', 'SRE'], '--country must be one of us, mx, ca'],
    ['no agency', ['--country', 'mx', '--roles', 'admin'], '--agency is required'],
    ['a bad duration', ['--country', 'mx', '--roles', 'admin', '--agency', 'SRE', '--expires-in', 'soon'], '--expires-in must be a duration'],
    ['an unknown option', ['--country', 'mx', '--roles', 'admin', '--agency', 'SRE', '--admin'], "Unknown option '--admin'"],
  ])('exits 2 with a message on stderr and nothing on stdout for %s', async (_case, args, message) => {
    const { code, stdout, stderr } = await runCli(cwd, args);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run -s token --');
  });
});
