import type { CountryCode } from '@naperj/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { Caller, eventually, type Page, publish, runDeployScript } from './federation-client';
import { writeReliabilityFigures } from './reliability-figures';

const COUNTRIES: CountryCode[] = ['us', 'mx', 'ca'];
/** How long us's MirrorMaker 2 stays down at least (R4 of the reliability suite). */
const CUT_OFF_MS = 60_000;

const practice = (title: string) => ({
  kind: 'strategy',
  title: { en: title },
  summary: { en: 'An end-to-end test of a node cut off from its partners.' },
  originalLanguage: 'en',
  actionAreas: ['economic-inclusion'],
  sharing: 'trilateral',
});

/**
 * us's MirrorMaker 2 stopped: the us node no longer receives its partners' shared topics
 * (docs/architecture.md, Federation: each country pulls). It must keep working on its own, the others must
 * not notice, and once replication resumes the three converge.
 */
describe('the us node cut off from its partners', () => {
  const callers = {} as Record<CountryCode, { submitter: Caller; reviewer: Caller; operator: Caller }>;

  beforeAll(async () => {
    for (const country of COUNTRIES) {
      callers[country] = {
        submitter: await Caller.of(country, ['submitter'], 'E2E Agency', `e2e-cut-${country}-submitter`),
        reviewer: await Caller.of(country, ['reviewer'], 'E2E Review Board', `e2e-cut-${country}-reviewer`),
        operator: await Caller.of(country, ['operator'], 'E2E Operations', `e2e-cut-${country}-operator`),
      };
    }
  });

  afterAll(() => {
    // Whatever happened, the federation is whole again for the suites after this one.
    runDeployScript(`import { enginesUp } from './engines.mts'; await enginesUp(['us', 'mx', 'ca'], { log: () => undefined });`);
  });

  const visible = async (country: CountryCode, id: string) => (await callers[country].reviewer.call('GET', `/submissions/${id}`)).status === 200;
  const mxHealthOnUs = async () => {
    const { status, body } = await callers.us.operator.call<{ peers: { country: string; health: string }[] }>(
      'GET',
      '/federation/status',
      undefined,
      undefined,
      'reporting',
    );
    expect(status).toBe(200);
    return body.peers.find((peer) => peer.country === 'mx')?.health;
  };

  it('keeps serving and accepting in us, lets mx reach ca, and shows mx going stale in us; then converges exactly', async () => {
    expect(await mxHealthOnUs()).toBe('green');
    runDeployScript(
      `import { stopManaged } from './processes.mts'; import { mirrorMakerProcessName } from './mirrormaker.mts'; await stopManaged(mirrorMakerProcessName('us'), 15_000);`,
    );
    const cutAt = Date.now();

    const fromUs = await publish(callers.us.submitter, callers.us.reviewer, practice('Apprenticeships in public transit agencies, published while cut off'));
    expect(await visible('us', fromUs.id)).toBe(true);

    const fromMx = await publish(callers.mx.submitter, callers.mx.reviewer, {
      ...practice('Cooperativas de ahorro, publicado durante el corte'),
      title: { es: 'Cooperativas de ahorro, publicado durante el corte' },
      summary: { es: 'Prueba de corte.' },
      originalLanguage: 'es',
    });
    await eventually('the mx submission in ca', async () => ((await visible('ca', fromMx.id)) ? true : undefined));
    const mxToCaMs = Date.now() - fromMx.publishedAt;
    await eventually('us to see mx as no longer green', async () => ((await mxHealthOnUs()) !== 'green' ? true : undefined), 90_000);
    expect(await visible('us', fromMx.id)).toBe(false);
    await sleep(Math.max(0, cutAt + CUT_OFF_MS - Date.now()));

    const cutOffMs = Date.now() - cutAt;
    runDeployScript(`import { enginesUp } from './engines.mts'; await enginesUp(['us', 'mx', 'ca'], { log: () => undefined });`);
    const backAt = Date.now();
    await eventually('the mx submission in us', async () => ((await visible('us', fromMx.id)) ? true : undefined), 90_000);
    await eventually('us to see mx green again', async () => ((await mxHealthOnUs()) === 'green' ? true : undefined), 60_000);

    for (const origin of COUNTRIES) {
      const own = await callers[origin].reviewer.call<Page<{ id: string; sharing: string }>>(
        'GET',
        `/submissions?country=${origin}&status=published&limit=100`,
      );
      const shared = own.body.items
        .filter((item) => item.sharing !== 'national')
        .map((item) => item.id)
        .sort();
      for (const reader of COUNTRIES.filter((country) => country !== origin)) {
        await eventually(`${reader} to hold exactly ${origin}'s ${shared.length} shared submissions`, async () => {
          const seen = await callers[reader].reviewer.call<Page<{ id: string }>>('GET', `/submissions?country=${origin}&limit=100`);
          const ids = seen.body.items.map((item) => item.id).sort();
          return JSON.stringify(ids) === JSON.stringify(shared) ? true : undefined;
        });
      }
    }
    const convergedMs = Date.now() - backAt;
    writeReliabilityFigures('r4', {
      passed: true,
      figure:
        `us's MirrorMaker 2 down ${(cutOffMs / 1000).toFixed(0)} s: us kept accepting and publishing, mx reached ca in ${(mxToCaMs / 1000).toFixed(1)} s meanwhile; ` +
        `the three converged exactly ${(convergedMs / 1000).toFixed(1)} s after it restarted`,
      cutOffMs,
      mxToCaDuringCutOffMs: mxToCaMs,
      convergedMsAfterRestart: convergedMs,
    });
  });
});
