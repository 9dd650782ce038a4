/**
 * The demo dataset of `npm start`: each node's submissions from deploy/local/seed/, taken
 * through their real lifecycle over the REST API (draft, submit, approve, publish), so they
 * are recorded, shared and replicated as any agency's would be. A node that already lists
 * submissions of its own is left as it is: a restart keeps the data and never duplicates it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueLocalToken } from './token.mts';
import { type Country, servicePort } from './topology.mts';

interface SeedSubmission {
  country: Country;
  agency: string;
  [field: string]: unknown;
}

/** The reviewing body of each node's seed. */
const REVIEWING_AGENCY: Record<Country, string> = {
  us: 'U.S. Commission on Civil Rights',
  mx: 'CONAPRED',
  ca: 'Federal Anti-Racism Secretariat',
};

export async function loadSeedSubmissions(): Promise<SeedSubmission[]> {
  return JSON.parse(await readFile(join(import.meta.dirname, 'seed', 'submissions.json'), 'utf8')) as SeedSubmission[];
}

/** Seeds one node unless it has submissions already; resolves to how many it published. */
export async function seedNode(country: Country, secretsDir = '.secrets'): Promise<number> {
  const api = `http://127.0.0.1:${servicePort(country, 'submissions')}/api/v1/submissions`;
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
