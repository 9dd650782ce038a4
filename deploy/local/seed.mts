/**
 * The demo dataset of `npm start`, taken through the real REST API as any agency's data would
 * be, so it is recorded, shared and replicated like theirs: each node's experts
 * (deploy/local/seed/experts.json), its submissions through their review
 * (seed/submissions.json), one community consultation with testimonies
 * (seed/consultations.json), and one exchange asked in ca and answered by an expert of mx. A
 * node that already holds a kind of data is left as it is: a restart never duplicates it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueLocalToken } from './token.mts';
import { type Country, type Service, servicePort } from './topology.mts';

interface SeedSubmission {
  country: Country;
  agency: string;
  [field: string]: unknown;
}

interface SeedExpert {
  country: Country;
  agency: string;
  [field: string]: unknown;
}

interface SeedConsultation {
  country: Country;
  agency: string;
  consultation: Record<string, unknown>;
  contributions: { theme: string; count: number; language: string; text: string }[];
}

export interface SeedCounts {
  experts: number;
  submissions: number;
  contributions: number;
}

/** The reviewing body of each node's seed. */
const REVIEWING_AGENCY: Record<Country, string> = {
  us: 'U.S. Commission on Civil Rights',
  mx: 'CONAPRED',
  ca: 'Federal Anti-Racism Secretariat',
};

/** The consent wording the demo experts and contributors agreed to. */
const CONSENT_WORDING = '2026-09';

async function seedFile<T>(name: string): Promise<T[]> {
  return JSON.parse(await readFile(join(import.meta.dirname, 'seed', name), 'utf8')) as T[];
}

export const loadSeedSubmissions = () => seedFile<SeedSubmission>('submissions.json');
export const loadSeedExperts = () => seedFile<SeedExpert>('experts.json');
export const loadSeedConsultations = () => seedFile<SeedConsultation>('consultations.json');

/** Seeds one node's experts, submissions and consultation, each unless the node has some already. */
export async function seedNode(country: Country, secretsDir = '.secrets'): Promise<SeedCounts> {
  const experts = await seedExperts(country, secretsDir);
  const submissions = await seedSubmissions(country, secretsDir);
  const contributions = await seedConsultation(country, secretsDir);
  return { experts, submissions, contributions };
}

async function seedExperts(country: Country, secretsDir: string): Promise<number> {
  const api = apiOf(country, 'expert-network');
  const liaison = await issueLocalToken({ country, roles: ['liaison'], agency: REVIEWING_AGENCY[country], sub: `seed-liaison-${country}` }, secretsDir);
  if (((await call('GET', `${api}/experts?country=${country}&limit=1`, liaison)) as { items: unknown[] }).items.length > 0) return 0;

  const seeds = (await loadSeedExperts()).filter((seed) => seed.country === country);
  for (const [index, { country: _country, agency, ...profile }] of seeds.entries()) {
    // Each expert registers themself: the profile is theirs, and so is the consent.
    const expert = await issueLocalToken({ country, roles: ['expert'], agency, sub: expertAccount(country, index) }, secretsDir);
    await call('POST', `${api}/experts`, expert, {
      ...profile,
      consent: { shareProfile: true, contactable: true, review: true, wordingVersion: CONSENT_WORDING },
    });
  }
  return seeds.length;
}

async function seedSubmissions(country: Country, secretsDir: string): Promise<number> {
  const api = `${apiOf(country, 'submissions')}/submissions`;
  const reviewer = await issueLocalToken({ country, roles: ['reviewer'], agency: REVIEWING_AGENCY[country], sub: `seed-reviewer-${country}` }, secretsDir);
  const existing = (await call('GET', `${api}?country=${country}&limit=1`, reviewer)) as { items: unknown[] };
  if (existing.items.length > 0) return 0;

  let published = 0;
  for (const { country: _country, agency, ...fields } of (await loadSeedSubmissions()).filter((seed) => seed.country === country)) {
    const submitter = await issueLocalToken({ country, roles: ['submitter'], agency, sub: `seed-submitter-${country}` }, secretsDir);
    const { id } = (await call('POST', api, submitter, fields)) as { id: string };
    await call('POST', `${api}/${id}/submit`, submitter, undefined, 1);
    const comment = { us: 'Well documented and ready to share.', mx: 'Bien documentada; lista para compartir.', ca: 'Bien documentée; prête à être partagée.' }[
      country
    ];
    await call('POST', `${api}/${id}/reviews`, reviewer, { decision: 'approve', comment }, 2);
    await call('POST', `${api}/${id}/publish`, reviewer, undefined, 3);
    published += 1;
  }
  return published;
}

/**
 * One consultation with testimonies entered by a liaison for participants who consented to be
 * counted; the counts are chosen so that some of its insight's cells publish and some stay
 * suppressed below k.
 */
async function seedConsultation(country: Country, secretsDir: string): Promise<number> {
  const api = apiOf(country, 'community-engagement');
  const seed = (await loadSeedConsultations()).find((entry) => entry.country === country);
  if (!seed) return 0;
  const liaison = await issueLocalToken({ country, roles: ['liaison'], agency: seed.agency, sub: `seed-liaison-${country}` }, secretsDir);
  if (((await call('GET', `${api}/consultations?limit=1`, liaison)) as { items: unknown[] }).items.length > 0) return 0;

  const { id } = (await call('POST', `${api}/consultations`, liaison, seed.consultation)) as { id: string };
  let contributed = 0;
  for (const { theme, count, language, text } of seed.contributions) {
    for (let i = 0; i < count; i += 1) {
      await call('POST', `${api}/consultations/${id}/contributions`, liaison, {
        text,
        language,
        themes: [theme],
        consent: { store: true, shareAnonymized: true, wordingVersion: CONSENT_WORDING },
      });
      contributed += 1;
    }
  }
  return contributed;
}

/**
 * An agency of ca asks the network; once the request has crossed to mx, the first expert of
 * mx answers it there, and the answer travels back to ca. Skipped when ca has asked before.
 */
export async function seedExchange(secretsDir = '.secrets'): Promise<boolean> {
  const asker = await issueLocalToken({ country: 'ca', roles: ['liaison'], agency: 'Public Health Agency of Canada', sub: 'seed-liaison-ca-phac' }, secretsDir);
  const ca = `${apiOf('ca', 'expert-network')}/exchanges`;
  if (((await call('GET', `${ca}?country=ca&limit=1`, asker)) as { items: unknown[] }).items.length > 0) return false;

  const { id } = (await call('POST', ca, asker, {
    question: {
      fr: 'Comment former des agentes de santé communautaire autochtones dans leur propre langue ?',
      en: 'How do you train Indigenous community health workers in their own language?',
      es: '¿Cómo forman a promotoras de salud indígenas en su propia lengua?',
    },
    originalLanguage: 'fr',
    actionAreas: ['health-equity'],
    languages: ['fr', 'en', 'es', 'cr', 'iu'],
    targetCountries: ['mx', 'us'],
    dueAt: new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString(),
  })) as { id: string };

  const mxExpert = (await loadSeedExperts()).find((seed) => seed.country === 'mx')!;
  const responder = await issueLocalToken({ country: 'mx', roles: ['expert'], agency: mxExpert.agency, sub: expertAccount('mx', 0) }, secretsDir);
  const mx = `${apiOf('mx', 'expert-network')}/exchanges/${id}`;
  await untilFound(mx, responder, 'the ca exchange to reach mx');
  await call('POST', `${mx}/responses`, responder, {
    message: {
      es: 'Formamos a las promotoras en mixteco y amuzgo con materiales hechos por las propias comunidades; con gusto compartimos el plan de estudios.',
      en: 'We train health promoters in Mixtec and Amuzgo with materials made by the communities themselves; we are glad to share the curriculum.',
    },
    originalLanguage: 'es',
  });
  return true;
}

function expertAccount(country: Country, index: number): string {
  return `seed-expert-${country}-${index + 1}`;
}

function apiOf(country: Country, service: Service): string {
  return `http://127.0.0.1:${servicePort(country, service)}/api/v1`;
}

/** Replication takes a few seconds between nodes; a minute and a half is a federation in trouble. */
async function untilFound(url: string, token: string, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
    await response.body?.cancel();
    if (response.ok) return;
    await sleep(500);
  }
  throw new Error(`seed: waited in vain for ${what}`);
}

async function call(method: string, url: string, token: string, body?: object, ifMatch?: number): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(ifMatch ? { 'if-match': `"${ifMatch}"` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`seed: ${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
