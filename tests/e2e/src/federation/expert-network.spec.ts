import { type CountryCode, localKafkaBrokers, privateEventsTopic, sharedTopic } from '@naperj/contracts';
import { createKafka } from '@naperj/messaging';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Caller, eventually, type Page, readTopics } from './federation-client';
import { REPO_ROOT } from './federation-paths';

const COUNTRIES: CountryCode[] = ['us', 'mx', 'ca'];

interface ExpertView {
  id: string;
  country: CountryCode;
  name: string;
  version: number;
}

interface ExchangeView {
  id: string;
  responses?: { expertId: string; country: CountryCode; expert: ExpertView | null }[];
}

interface ErasureView {
  receipts: { country: CountryCode; tookMs: number }[];
  pending: CountryCode[];
}

const profile = (name: string, email: string, shareProfile: boolean) => ({
  name,
  affiliation: 'Red de pruebas de extremo a extremo',
  bio: { es: 'Especialista en salud comunitaria que trabaja con pueblos originarios.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  languages: ['es', 'nah'],
  contact: { email, phone: '+52 55 5555 0100' },
  consent: { shareProfile, contactable: true, review: true, wordingVersion: '2026-09' },
});

/**
 * docs/architecture.md, REST: expert-network, across the three nodes: the federated directory,
 * an exchange answered across a border, the erasure of a withdrawn profile with its receipts,
 * and contact details that never leave their node.
 */
describe('the expert network across the federation', () => {
  const run = uuidv7().slice(-8);
  const contactEmails = [`e2e-answering-${run}@example.org`, `e2e-leaving-${run}@example.org`, `e2e-private-${run}@example.org`];
  const liaisons = {} as Record<CountryCode, Caller>;
  let answeringExpert: Caller;
  let answering: ExpertView;
  let privateProfile: ExpertView;

  const register = async (expert: Caller, body: object): Promise<ExpertView> => {
    const { status, body: created } = await expert.call<ExpertView>('POST', '/experts', body, undefined, 'expert-network');
    expect(status).toBe(201);
    return created;
  };
  const listedOn = async (country: CountryCode, id: string, origin: CountryCode) => {
    const { body } = await liaisons[country].call<Page<ExpertView>>(
      'GET',
      `/experts?country=${origin}&q=${run}&limit=100`,
      undefined,
      undefined,
      'expert-network',
    );
    return body.items.some((item) => item.id === id);
  };

  beforeAll(async () => {
    for (const country of COUNTRIES) liaisons[country] = await Caller.of(country, ['liaison'], 'E2E Liaison Office', `e2e-en-${country}-liaison`);
    answeringExpert = await Caller.of('mx', ['expert'], 'INSP', `e2e-en-answering-${run}`);
    answering = await register(answeringExpert, profile(`Dra. Respuesta ${run}`, contactEmails[0]!, true));
    privateProfile = await register(
      await Caller.of('mx', ['expert'], 'INSP', `e2e-en-private-${run}`),
      profile(`Dra. Privada ${run}`, contactEmails[2]!, false),
    );
  });

  it("lists mx's consented expert in the us and ca directories, searched without accents", async () => {
    for (const country of ['us', 'ca'] as const) {
      await eventually(`${country} to list the mx expert`, async () => ((await listedOn(country, answering.id, 'mx')) ? true : undefined));
      const { body } = await liaisons[country].call<Page<ExpertView>>(
        'GET',
        `/experts?country=mx&language=nah&q=${encodeURIComponent(`respuesta ${run}`)}`,
        undefined,
        undefined,
        'expert-network',
      );
      expect(body.items.map((item) => [item.id, item.country])).toEqual([[answering.id, 'mx']]);
    }
  });

  it('keeps a profile without consent to share off the shared topic and out of the partners’ directories', async () => {
    // Both views of an event are published together: once the private one is out, a shared one would be too.
    await eventually('the private profile published on its private topic', async () =>
      (await readTopics('mx', [privateEventsTopic('mx', 'expert-network')])).some((message) => message.key === privateProfile.id) ? true : undefined,
    );
    const shared = await readTopics('mx', [sharedTopic('mx', 'experts')]);
    expect(shared.filter((message) => message.key === privateProfile.id)).toEqual([]);
    for (const country of ['us', 'ca'] as const) {
      expect(await listedOn(country, privateProfile.id, 'mx')).toBe(false);
      expect((await liaisons[country].call('GET', `/experts/${privateProfile.id}`, undefined, undefined, 'expert-network')).status).toBe(404);
    }
  });

  describe('an exchange asked in ca', () => {
    let exchange: { id: string };

    beforeAll(async () => {
      const asker = await Caller.of('ca', ['liaison'], 'Agence de la santé publique du Canada', `e2e-en-ca-asker-${run}`);
      const created = await asker.call<{ id: string }>(
        'POST',
        '/exchanges',
        {
          question: { fr: `Comment former des agentes de santé communautaire dans leur langue ? ${run}` },
          originalLanguage: 'fr',
          actionAreas: ['health-equity'],
          languages: ['fr', 'es', 'cr'],
          targetCountries: ['mx'],
          dueAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
        },
        undefined,
        'expert-network',
      );
      expect(created.status).toBe(201);
      exchange = created.body;
    });

    it('is answered by an mx expert on the mx node, and the answer is listed in ca with the expert’s public profile', async () => {
      await eventually('the exchange on mx', async () =>
        (await answeringExpert.call('GET', `/exchanges/${exchange.id}`, undefined, undefined, 'expert-network')).status === 200 ? true : undefined,
      );
      const answer = await answeringExpert.call(
        'POST',
        `/exchanges/${exchange.id}/responses`,
        { message: { es: 'Formamos promotoras en náhuatl con materiales comunitarios.' }, originalLanguage: 'es' },
        undefined,
        'expert-network',
      );
      expect(answer.status).toBe(201);

      const listed = await eventually('the answer listed in ca', async () => {
        const { body } = await liaisons.ca.call<ExchangeView>('GET', `/exchanges/${exchange.id}`, undefined, undefined, 'expert-network');
        return body.responses?.length === 1 && body.responses[0]!.expert ? body.responses : undefined;
      });
      expect(listed[0]).toMatchObject({ expertId: answering.id, country: 'mx', expert: { id: answering.id, country: 'mx', name: `Dra. Respuesta ${run}` } });
      expect(JSON.stringify(listed)).not.toContain(contactEmails[0]);
    });

    it("counts as answered in every node's reporting, with a time to first answer", async () => {
      for (const country of COUNTRIES) {
        const row = await eventually(`${country}'s reporting to count ca's answered exchange`, async () => {
          const { body } = await liaisons[country].call<Page<{ country: CountryCode; answered: number; medianSecondsToFirstAnswer: number | null }>>(
            'GET',
            '/indicators/exchanges?country=ca',
            undefined,
            undefined,
            'reporting',
          );
          const ca = body.items.find((item) => item.country === 'ca');
          return ca && ca.answered >= 2 ? ca : undefined;
        });
        expect(row.medianSecondsToFirstAnswer).toBeGreaterThanOrEqual(0);
      }
    });

    it('refuses a duplicate answer and the answer of an expert of an uninvited country', async () => {
      const again = await answeringExpert.call(
        'POST',
        `/exchanges/${exchange.id}/responses`,
        { message: { es: 'Otra vez.' }, originalLanguage: 'es' },
        undefined,
        'expert-network',
      );
      expect(again.status).toBe(409);

      const usExpert = await Caller.of('us', ['expert'], 'HHS Office of Minority Health', `e2e-en-us-expert-${run}`);
      await register(usExpert, {
        ...profile(`Dr. Uninvited ${run}`, `e2e-us-${run}@example.org`, true),
        bio: { en: 'Tribal health epidemiologist.' },
        originalLanguage: 'en',
      });
      await eventually('the exchange on us', async () =>
        (await usExpert.call('GET', `/exchanges/${exchange.id}`, undefined, undefined, 'expert-network')).status === 200 ? true : undefined,
      );
      const uninvited = await usExpert.call<{ detail: string }>(
        'POST',
        `/exchanges/${exchange.id}/responses`,
        { message: { en: 'We would like to help.' }, originalLanguage: 'en' },
        undefined,
        'expert-network',
      );
      expect(uninvited.status).toBe(403);
      expect(uninvited.body.detail).toMatch(/invit/i);
      const usShared = await readTopics('us', [sharedTopic('us', 'exchanges')]);
      expect(usShared.filter((message) => message.value?.includes(exchange.id))).toEqual([]);
    });
  });

  it('erases a withdrawn profile in us and ca, and shows the origin both erasure receipts', async () => {
    const leavingExpert = await Caller.of('mx', ['expert'], 'CONAPRED', `e2e-en-leaving-${run}`);
    const leaving = await register(leavingExpert, profile(`Mtro. Saliente ${run}`, contactEmails[1]!, true));
    for (const country of ['us', 'ca'] as const) {
      await eventually(`the profile on ${country}`, async () => ((await listedOn(country, leaving.id, 'mx')) ? true : undefined));
    }
    const withdrawn = await leavingExpert.call('DELETE', `/experts/${leaving.id}`, undefined, leaving.version, 'expert-network');
    expect(withdrawn.status).toBe(200);

    for (const country of ['us', 'ca'] as const) {
      await eventually(`the copy erased on ${country}`, async () =>
        (await liaisons[country].call('GET', `/experts/${leaving.id}`, undefined, undefined, 'expert-network')).status === 404 ? true : undefined,
      );
      expect(await listedOn(country, leaving.id, 'mx')).toBe(false);
    }
    const erasure = await eventually('both receipts in mx', async () => {
      const { status, body } = await liaisons.mx.call<ErasureView>('GET', `/experts/${leaving.id}/erasure`, undefined, undefined, 'expert-network');
      return status === 200 && body.pending.length === 0 ? body : undefined;
    });
    expect(erasure.receipts.map((receipt) => receipt.country).sort()).toEqual(['ca', 'us']);
    for (const receipt of erasure.receipts) expect(receipt.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('finds no contact detail in any topic of the three clusters', async () => {
    const seededEmails = (JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/local/seed/experts.json'), 'utf8')) as { contact?: { email: string } }[]).flatMap(
      (expert) => (expert.contact ? [expert.contact.email] : []),
    );
    const secrets = [...contactEmails, ...seededEmails, '+52 55 5555 0100'];
    for (const country of COUNTRIES) {
      const admin = createKafka({ brokers: [localKafkaBrokers(country)], clientId: 'e2e-contact-scan', log: () => undefined }).admin();
      await admin.connect();
      const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
      await admin.disconnect();
      const messages = await readTopics(country, topics);
      expect(messages.length).toBeGreaterThan(0);
      for (const { topic, value, headers } of messages) {
        const bytes = `${value?.toString('utf8') ?? ''}${JSON.stringify(headers)}`;
        for (const secret of secrets) expect(bytes.includes(secret) ? `${topic} carries ${secret}` : undefined).toBeUndefined();
        expect(bytes.includes('"contact"') ? `${topic} carries a contact member` : undefined).toBeUndefined();
      }
    }
  });
});
