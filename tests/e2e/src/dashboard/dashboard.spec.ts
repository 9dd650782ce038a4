import { ACTION_AREA_LABELS, type CountryCode, localServicePort } from '@naperj/contracts';
import { issueDevToken } from '@naperj/service-kit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { Caller, publish } from '../federation/federation-client';
import { E2E_RUN_DIR, REPO_ROOT } from '../federation/federation-paths';

const DASHBOARD = `http://127.0.0.1:${localServicePort('mx', 'reporting')}/`;
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(E2E_RUN_DIR, 'dashboard.png');
/** How soon a publication anywhere in the federation must show on the dashboard. */
const LIVE_WITHIN_MS = 20_000;

/** Figures of a data table by its accessible name: row header → the row's cells, and the column headers. */
async function readTable(page: Page, name: string): Promise<{ columns: string[]; rows: Record<string, string[]> }> {
  return page.getByRole('table', { name, exact: true }).evaluate((table: HTMLTableElement) => ({
    columns: [...table.tHead!.rows[0]!.cells].map((cell) => cell.textContent ?? ''),
    rows: Object.fromEntries(
      [...table.tBodies[0]!.rows].map((row) => [row.cells[0]!.textContent ?? '', [...row.cells].slice(1).map((cell) => cell.textContent ?? '')]),
    ),
  }));
}

/** Polls `probe` until it holds, as a person watching the page would; returns how long that took. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
}

/** The seed's published submissions per country in one action area, as node mx counts them: its own all, partners' shared ones. */
function seededInMx(actionArea: string): Record<CountryCode, number> {
  const seeds = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/local/seed/submissions.json'), 'utf8')) as {
    country: CountryCode;
    sharing: string;
    actionAreas: string[];
  }[];
  const counted = (country: CountryCode) =>
    seeds.filter((seed) => seed.country === country && seed.actionAreas.includes(actionArea) && (country === 'mx' || seed.sharing !== 'national')).length;
  return { mx: counted('mx'), us: counted('us'), ca: counted('ca') };
}

/** The dashboard of the mx node as an operator uses it, in Debian's Chromium, on the running federation. */
describe("the operators' dashboard of mx in a browser", () => {
  let browser: Browser;
  let page: Page;
  let operatorToken: string;
  let mainFrameNavigations = 0;
  const pageErrors: string[] = [];

  const token = (country: CountryCode, roles: ('operator' | 'submitter')[], sub: string) =>
    // Cleared for trilateral data: the activity list shows a submission shared trilaterally.
    issueDevToken({ secretsDir: join(REPO_ROOT, '.secrets'), country, agency: 'E2E Operations', roles, sub, trilateral: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`The dashboard's browser test needs Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
    operatorToken = await token('mx', ['operator'], 'e2e-dashboard-operator');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) mainFrameNavigations += 1;
    });
    // Anything the Content-Security-Policy or Trusted Types refuse is recorded, not just logged.
    await page.addInitScript(() => {
      const violations: string[] = [];
      Object.assign(window, { cspViolations: violations });
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Nothing the page loaded or did was refused by its Content-Security-Policy or Trusted Types, and no script failed. */
  async function expectNothingRefused(): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }

  it('refuses tokens that cannot open it, and says why', async () => {
    await page.goto(DASHBOARD);
    const field = page.getByLabel('Operator token');
    const error = page.locator('#token-error');

    await field.fill('not a token');
    await field.press('Tab');
    await page.keyboard.press('Enter');
    await until(
      'the malformed-token message',
      async () => (await error.textContent()) === 'This is not a token: a JWT has three parts separated by dots.',
      5_000,
    );

    await field.fill(await token('mx', ['submitter'], 'e2e-dashboard-submitter'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until('the missing-role message', async () => (await error.textContent()) === 'This token lacks the operator role (it has: submitter).', 5_000);

    await field.fill(await token('us', ['operator'], 'e2e-dashboard-us-operator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until('the other-node message', async () => (await error.textContent())?.startsWith('This token was issued for node us') ?? false, 5_000);

    // Well formed, right claims, but not signed by mx's issuer: only the node can tell.
    const [header, claims] = operatorToken.split('.');
    await field.fill(`${header}.${claims}.${'A'.repeat(86)}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(
      'the refusal by the node',
      async () => (await error.textContent()) === 'The node refused the token (401): it is expired, or not issued by this node.',
      10_000,
    );
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('signs an operator in by keyboard and shows the health of both partners and figures of all three countries', async () => {
    const field = page.getByLabel('Operator token');
    await field.fill(operatorToken);
    await field.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Federation health' }).waitFor();
    expect(await page.title()).toBe('Operations dashboard · node MX · naperj');

    await until(
      'both partners green',
      async () => {
        const { rows } = await readTable(page, 'Partners of node Mexico');
        return (
          rows['United States']?.[0]?.includes('Green: heartbeats on time') === true && rows['Canada']?.[0]?.includes('Green: heartbeats on time') === true
        );
      },
      60_000,
    );

    await page.locator('#figure-published summary').click();
    const justice = ACTION_AREA_LABELS['justice-system'].en;
    const seeded = seededInMx('justice-system');
    await until(
      'the seeded figures of the three countries',
      async () => {
        const { columns, rows } = await readTable(page, 'Published submissions by action area and country');
        expect(columns).toEqual(['Action area', 'Mexico', 'United States', 'Canada']);
        return JSON.stringify(rows[justice]) === JSON.stringify([seeded.mx, seeded.us, seeded.ca].map(String));
      },
      30_000,
    );
    expect(seeded.us).toBeGreaterThan(0);
    expect(seeded.ca).toBeGreaterThan(0);
  });

  it('switches to Spanish and French, labels, names and the page language included', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { name: 'Estado de la federación' }).waitFor();
    expect(await page.getByLabel('Idioma', { exact: true }).inputValue()).toBe('es');
    const spanish = await readTable(page, 'Aportaciones publicadas por área de acción y país');
    expect(spanish.columns).toEqual(['Área de acción', 'México', 'Estados Unidos', 'Canadá']);
    expect(Object.keys(spanish.rows)).toContain('Sistema de justicia');
    expect((await readTable(page, 'Socios del nodo México')).rows['Canadá']?.[0]).toContain('Verde: latidos puntuales');
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).isVisible()).toBe(true);

    await page.getByLabel('Idioma', { exact: true }).selectOption('fr');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('heading', { name: 'Santé de la fédération' }).waitFor();
    const french = await readTable(page, "Contributions publiées par domaine d'action et par pays");
    expect(french.columns).toEqual(["Domaine d'action", 'Mexique', 'États-Unis', 'Canada']);
    expect(Object.keys(french.rows)).toContain('Système de justice');
    expect((await readTable(page, 'Partenaires du nœud Mexique')).rows['États-Unis']?.[0]).toContain("Vert : battements à l'heure");
    expect(await page.title()).toBe('Tableau de bord des opérations · nœud MX · naperj');
  });

  it('shows a submission published in ca, then its withdrawal, live and without a reload', async () => {
    await until('the stream to be live', async () => (await page.locator('#live-status').textContent()) === 'Mises à jour en direct : actives', 30_000);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const navigationsBefore = mainFrameNavigations;
    const area = ACTION_AREA_LABELS['ballot-access'].fr;
    const table = "Contributions publiées par domaine d'action et par pays";
    const canada = async () => Number((await readTable(page, table)).rows[area]?.[2]);
    const before = await canada();

    const submitter = await Caller.of('ca', ['submitter'], 'E2E Agency', 'e2e-dashboard-ca-submitter');
    const reviewer = await Caller.of('ca', ['reviewer'], 'E2E Review Board', 'e2e-dashboard-ca-reviewer');
    const title = 'Bureaux de vote mobiles dans les communautés éloignées';
    const { id } = await publish(submitter, reviewer, {
      kind: 'practice',
      title: { fr: title },
      summary: { fr: 'Un essai de bout en bout du tableau de bord.' },
      originalLanguage: 'fr',
      actionAreas: ['ballot-access'],
      sdgTargets: ['16.7'],
      sharing: 'trilateral',
    });
    const shownAfterMs = await until('the ca publication on the mx dashboard', async () => (await canada()) === before + 1, LIVE_WITHIN_MS);
    await until('the publication in the activity list', async () => (await page.locator('#activity').textContent())?.includes(title) ?? false, 5_000);
    expect(await page.locator('#activity li', { hasText: title }).locator('span[lang="fr"]').count()).toBe(1);
    process.stderr.write(`published in ca → shown on the mx dashboard after ${shownAfterMs} ms\n`);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    process.stderr.write(`dashboard screenshot: ${SCREENSHOT}\n`);

    expect((await submitter.call('POST', `/submissions/${id}/withdraw`, { reason: 'Essai terminé' }, 4)).status).toBe(200);
    await until('the withdrawal on the mx dashboard', async () => (await canada()) === before, LIVE_WITHIN_MS);

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(mainFrameNavigations).toBe(navigationsBefore);
    await expectNothingRefused();
  });

  it('keeps the language and the session across a reload, and forgets the token at sign-out', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Santé de la fédération' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel("Jeton d'exploitation").waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    await expectNothingRefused();
  });
});
