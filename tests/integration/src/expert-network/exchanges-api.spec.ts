import {
  DEAD_LETTER_HEADERS,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES,
  type SharedExchangeData,
  type SharedExchangeResponseData,
  type SharedExpertData,
  sharedTopic,
} from '@naperj/contracts';
import { eventually } from '@naperj/service-kit/testing';
import { v7 as uuidv7 } from 'uuid';
import { responseIdOf } from '@naperj/expert-network/exchanges/exchange.lifecycle';
import { ExpertNetworkTestNode } from './expert-network-test-node';

// Topics outlive each test's database: a run's own accounts keep its records apart.
const RUN = `r${Date.now().toString(36)}`;

const LIAISON = { roles: ['liaison'], agency: 'SRE', sub: `ana.${RUN}@sre` };
const OTHER_LIAISON = { roles: ['liaison'], agency: 'INPI', sub: `luis.${RUN}@inpi` };
const SUBMITTER = { roles: ['submitter'], agency: 'SRE', sub: `sara.${RUN}@sre` };
const EXPERT = { roles: ['expert'], agency: 'UNAM', sub: `citlali.${RUN}@unam` };
const SECOND_EXPERT = { roles: ['expert'], agency: 'INSP', sub: `tomas.${RUN}@insp` };
const UNREGISTERED_EXPERT = { roles: ['expert'], agency: 'UNAM', sub: `nadie.${RUN}@unam` };
const UNSHARED_EXPERT = { roles: ['expert'], agency: 'COLMEX', sub: `reservada.${RUN}@colmex` };

const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

const request = {
  question: { es: '¿Cómo forman a promotoras de salud en lenguas indígenas?', en: 'How do you train health promoters in Indigenous languages?' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  languages: ['es', 'nah'],
  targetCountries: ['ca', 'mx'],
  dueAt: inHours(24 * 7),
};
const answer = { message: { es: 'Con materiales hechos por las propias comunidades.' }, originalLanguage: 'es' };

const profileOf = (name: string, shareProfile = true) => ({
  name,
  affiliation: 'Universidad Intercultural',
  bio: { es: 'Investigadora en salud intercultural.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  languages: ['es', 'nah'],
  consent: { shareProfile, contactable: false, review: false, wordingVersion: '2026-09' },
});

/** The bodies of the API's answers, as far as these tests read them. */
interface ExchangeBody {
  id: string;
  country: string;
  version: number;
  status: string;
  requestedBy?: string;
  responseCount: number;
  responses?: ResponseBody[];
  outcome?: object;
}
interface ResponseBody {
  id: string;
  country: string;
  expertId: string;
  exchangeId: string;
  exchangeCountry: string;
  expert: { name: string } | null;
  respondedBy?: string;
}
interface Page {
  items: ExchangeBody[];
  nextCursor: string | null;
}

/** A Canadian exchange as the ca node shares it. */
function caExchange(overrides: Partial<SharedExchangeData> = {}): SharedExchangeData {
  return {
    ...EVENT_DATA_EXAMPLES[EVENT_TYPES.exchangeRequested].shared,
    id: uuidv7(),
    country: 'ca',
    targetCountries: ['mx', 'us'],
    createdAt: inHours(-1),
    dueAt: inHours(24),
    ...overrides,
  };
}

describe('exchanges API (node mx on the real Kafka and FerretDB)', () => {
  const node = new ExpertNetworkTestNode({ country: 'mx', env: { FEDERATION_PEERS: 'us,ca' } });
  const tokens: Record<string, string> = {};
  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
  let expertId: string;

  beforeAll(async () => {
    await node.start();
    const callers = { LIAISON, OTHER_LIAISON, SUBMITTER, EXPERT, SECOND_EXPERT, UNREGISTERED_EXPERT, UNSHARED_EXPERT };
    for (const [name, caller] of Object.entries(callers)) tokens[name] = await node.token(caller);
    const registered = await node
      .http()
      .post('/api/v1/experts')
      .set(as('EXPERT'))
      .send(profileOf(`Citlali ${RUN}`));
    expect(registered.status).toBe(201);
    expertId = (registered.body as { id: string }).id;
    expect(
      (
        await node
          .http()
          .post('/api/v1/experts')
          .set(as('SECOND_EXPERT'))
          .send(profileOf(`Tomás ${RUN}`))
      ).status,
    ).toBe(201);
    expect(
      (
        await node
          .http()
          .post('/api/v1/experts')
          .set(as('UNSHARED_EXPERT'))
          .send(profileOf(`Reservada ${RUN}`, false))
      ).status,
    ).toBe(201);
  }, 60_000);

  afterAll(() => node.close());

  async function ask(body: object = request): Promise<ExchangeBody> {
    const response = await node.http().post('/api/v1/exchanges').set(as('LIAISON')).send(body);
    expect(response.status).toBe(201);
    return response.body as ExchangeBody;
  }

  const get = (id: string, who: keyof typeof tokens = 'LIAISON') => node.http().get(`/api/v1/exchanges/${id}`).set(as(who));
  const respond = (id: string, who: keyof typeof tokens = 'EXPERT', body: object = answer) =>
    node.http().post(`/api/v1/exchanges/${id}/responses`).set(as(who)).send(body);
  const close = (id: string, version: number | undefined, who: keyof typeof tokens = 'LIAISON', body: object = {}) => {
    const call = node.http().post(`/api/v1/exchanges/${id}/close`).set(as(who));
    if (version !== undefined) call.set('If-Match', `"${version}"`);
    return call.send(body);
  };
  const listed = (query: string) =>
    node
      .http()
      .get(`/api/v1/exchanges?${query}`)
      .set(as('OTHER_LIAISON'))
      .then((response) => response.body as Page);
  const sharedKeys = async () => (await node.read(sharedTopic('mx', 'exchanges'))).map(({ key }) => key);

  describe('asking and closing', () => {
    let id: string;

    it('asks the network: 201 with version 1, an ETag and a Location; read back whole by the asking agency', async () => {
      const response = await node.http().post('/api/v1/exchanges').set(as('LIAISON')).send(request);
      expect(response.status).toBe(201);
      const body = response.body as ExchangeBody;
      id = body.id;
      expect(body).toMatchObject({ ...request, country: 'mx', version: 1, status: 'open', agency: 'SRE', requestedBy: LIAISON.sub, responseCount: 0 });
      expect(response.headers['etag']).toBe('"1"');
      expect(response.headers['location']).toBe(`/api/v1/exchanges/${id}`);
      const read = await get(id);
      expect(read.status).toBe(200);
      expect(read.headers['etag']).toBe('"1"');
      expect(read.body).toMatchObject({ id, version: 1, requestedBy: LIAISON.sub, responses: [] });
      const other = (await get(id, 'OTHER_LIAISON')).body as ExchangeBody;
      expect(other).toMatchObject({ id, status: 'open' });
      expect(other).not.toHaveProperty('requestedBy');
    });

    it('shares the request on mx.shared.exchanges.v1 without the account', async () => {
      await node.published();
      const records = (await node.read(sharedTopic('mx', 'exchanges'))).filter(({ key }) => key === id);
      expect(records.map(({ decoded }) => decoded?.event.type)).toEqual([EVENT_TYPES.exchangeRequested]);
      expect(records[0]!.decoded?.event.data).not.toHaveProperty('requestedBy');
    });

    it('lists own exchanges newest first, with filters and cursor paging', async () => {
      const second = await ask({ ...request, actionAreas: ['education'] });
      const page = await eventually('both exchanges listed', async () => {
        const listing = await listed('limit=1');
        return listing.items[0]?.id === second.id && listing.nextCursor ? listing : undefined;
      });
      const next = await listed(`limit=1&cursor=${page.nextCursor}`);
      expect(next.items.map((item) => item.id)).toEqual([id]);
      expect(next.items[0]).not.toHaveProperty('requestedBy');
      expect((await listed('actionArea=education')).items.map((item) => item.id)).toEqual([second.id]);
      expect((await listed('country=mx&status=open')).items.map((item) => item.id)).toEqual([second.id, id]);
      expect((await listed('country=us')).items).toEqual([]);
      expect((await node.http().get('/api/v1/exchanges?cursor=nonsense').set(as('SUBMITTER'))).status).toBe(400);
    });

    it('refuses bad input with 400 and an unauthorised asker with 403, recording nothing', async () => {
      const count = await node.recordedEventCount('exchange');
      const cases: [object, string][] = [
        [{ ...request, unknown: 1 }, '/unknown'],
        [{ ...request, question: undefined }, '/question'],
        [{ ...request, question: { en: 'Only English.' } }, '/question'],
        [{ ...request, languages: ['es-mx'] }, '/languages'],
        [{ ...request, targetCountries: ['fr'] }, '/targetCountries'],
        [{ ...request, dueAt: inHours(-1) }, '/dueAt'],
        [{ ...request, dueAt: inHours(24 * 400) }, '/dueAt'],
      ];
      for (const [body, pointer] of cases) {
        const response = await node.http().post('/api/v1/exchanges').set(as('LIAISON')).send(body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(response.body)).toContain(pointer);
      }
      expect((await node.http().post('/api/v1/exchanges').set(as('SUBMITTER')).send(request)).status).toBe(403);
      expect((await close(id, 1, 'LIAISON', { outcome: { kind: 'submission' } })).status).toBe(400);
      expect((await close(id, 1, 'LIAISON', { outcome: { kind: 'submission', submissionId: uuidv7(), proposal: { en: 'x' } } })).status).toBe(400);
      expect(await node.recordedEventCount('exchange')).toBe(count);
    });

    it('closes with If-Match only (428 without, 412 when stale), by the asking agency only, then refuses closing again (409)', async () => {
      expect((await close(id, undefined)).status).toBe(428);
      expect((await close(id, 7)).status).toBe(412);
      expect((await close(id, 1, 'OTHER_LIAISON')).status).toBe(403);
      const outcome = { kind: 'action-area-proposal', proposal: { es: 'Formación de promotoras en lenguas indígenas' } };
      const closed = await close(id, 1, 'LIAISON', { outcome });
      expect(closed.status).toBe(200);
      expect(closed.headers['etag']).toBe('"2"');
      expect(closed.body).toMatchObject({ id, version: 2, status: 'closed', outcome, closedBy: LIAISON.sub });
      const again = await close(id, 2);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentStatus: 'closed' });
    });
  });

  describe("answering a partner's exchange on this node", () => {
    it('lets an invited expert answer once: the answer goes to mx.shared.exchanges.v1 with its expert', async () => {
      const exchange = caExchange();
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeRequested, exchange);
      await eventually('the ca exchange', async () => ((await get(exchange.id)).status === 200 ? true : undefined));
      expect((await get(exchange.id)).body).toMatchObject({ id: exchange.id, country: 'ca', status: 'open', responses: [] });

      const response = await respond(exchange.id);
      expect(response.status).toBe(201);
      const body = response.body as ResponseBody;
      expect(body).toMatchObject({
        id: responseIdOf('ca', exchange.id, 'mx', expertId),
        country: 'mx',
        expertId,
        exchangeId: exchange.id,
        exchangeCountry: 'ca',
      });
      expect(body).not.toHaveProperty('respondedBy');
      expect(response.headers['etag']).toBe('"1"');
      expect(response.headers['location']).toBe(`/api/v1/exchanges/${exchange.id}/responses/${body.id}`);
      expect((await node.http().get(`/api/v1/exchanges/${exchange.id}/responses/${body.id}`).set(as('SUBMITTER'))).body).toMatchObject({ id: body.id });

      await node.published();
      const records = (await node.read(sharedTopic('mx', 'exchanges'))).filter(({ key }) => key === body.id);
      expect(records.map(({ decoded }) => decoded?.event.type)).toEqual([EVENT_TYPES.exchangeResponded]);
      expect(records[0]!.decoded?.event.data).toMatchObject({ exchangeId: exchange.id, exchangeCountry: 'ca', expertId, message: answer.message });
      expect(records[0]!.decoded?.event.data).not.toHaveProperty('respondedBy');

      const count = await node.recordedEventCount('exchange');
      const duplicate = await respond(exchange.id);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ currentStatus: 'open' });
      expect(await node.recordedEventCount('exchange')).toBe(count);

      const listedWith = await eventually('the answer listed with its expert', async () => {
        const read = (await get(exchange.id)).body as ExchangeBody;
        return read.responses?.[0]?.expert ? read : undefined;
      });
      expect(listedWith.responses).toHaveLength(1);
      expect(listedWith.responses![0]!.expert).toMatchObject({ name: `Citlali ${RUN}` });
    });

    it('takes one of two answers sent at once by the same expert, refusing the other (409)', async () => {
      const exchange = caExchange();
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeRequested, exchange);
      await eventually('the ca exchange', async () => ((await get(exchange.id)).status === 200 ? true : undefined));
      const count = await node.recordedEventCount('exchange');
      const statuses = (await Promise.all([respond(exchange.id, 'SECOND_EXPERT'), respond(exchange.id, 'SECOND_EXPERT')])).map(({ status }) => status);
      expect(statuses.sort()).toEqual([201, 409]);
      expect(await node.recordedEventCount('exchange')).toBe(count + 1);
    });

    it('refuses an expert of a country not invited (403), recording and publishing nothing', async () => {
      const exchange = caExchange({ targetCountries: ['us'] });
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeRequested, exchange);
      await eventually('the ca exchange', async () => ((await get(exchange.id)).status === 200 ? true : undefined));
      const count = await node.recordedEventCount('exchange');
      const response = await respond(exchange.id);
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((response.body as { detail: string }).detail).toContain('Experts of mx are not invited');
      expect(await node.recordedEventCount('exchange')).toBe(count);
      await node.published();
      expect(await sharedKeys()).not.toContain(responseIdOf('ca', exchange.id, 'mx', expertId));
    });

    it('refuses a late answer and one to a closed exchange (409), recording nothing', async () => {
      const late = caExchange({ createdAt: inHours(-3), dueAt: inHours(-1) });
      const open = caExchange();
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeRequested, late);
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeRequested, open);
      const closed: SharedExchangeData = { ...open, version: 2, status: 'closed', closedAt: new Date().toISOString() };
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeClosed, closed);
      await eventually('both ca exchanges, one closed', async () =>
        (await get(late.id)).status === 200 && ((await get(open.id)).body as ExchangeBody).status === 'closed' ? true : undefined,
      );
      const count = await node.recordedEventCount('exchange');
      const lateAnswer = await respond(late.id);
      expect(lateAnswer.status).toBe(409);
      expect((lateAnswer.body as { detail: string }).detail).toContain(`took answers until ${late.dueAt}`);
      const closedAnswer = await respond(open.id);
      expect(closedAnswer.status).toBe(409);
      expect(closedAnswer.body).toMatchObject({ currentStatus: 'closed' });
      expect(await node.recordedEventCount('exchange')).toBe(count);
    });

    it('refuses a caller without an expert profile shared with the directory (403), and an unknown exchange (404)', async () => {
      const exchange = caExchange();
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeRequested, exchange);
      await eventually('the ca exchange', async () => ((await get(exchange.id)).status === 200 ? true : undefined));
      const count = await node.recordedEventCount('exchange');
      expect((await respond(exchange.id, 'UNREGISTERED_EXPERT')).status).toBe(403);
      expect((await respond(exchange.id, 'UNSHARED_EXPERT')).status).toBe(403);
      expect((await respond(exchange.id, 'LIAISON')).status).toBe(403);
      expect((await respond(uuidv7())).status).toBe(404);
      expect((await respond(exchange.id, 'EXPERT', { message: { en: 'No Spanish.' }, originalLanguage: 'es' })).status).toBe(400);
      expect(await node.recordedEventCount('exchange')).toBe(count);
    });
  });

  describe('answers arriving at the asking node', () => {
    /** A Canadian expert's public profile, as the ca node shares it. */
    const caExpert = (): SharedExpertData => ({
      ...EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].shared,
      id: uuidv7(),
      country: 'ca',
      name: `Marie-Claude ${RUN}`,
    });
    const partnerAnswer = (country: 'ca' | 'us', exchangeId: string, expert: string): SharedExchangeResponseData => ({
      id: uuidv7(),
      country,
      version: 1,
      exchangeId,
      exchangeCountry: 'mx',
      expertId: expert,
      message: { fr: 'Nous formons les agentes en cri avec les aînés.' },
      originalLanguage: 'fr',
      createdAt: new Date().toISOString(),
    });

    it("lists an invited partner's answer with its expert's profile, and an own expert's, oldest first", async () => {
      const { id } = await ask();
      const expert = caExpert();
      await node.producePartnerEvent('ca', 'experts', 'expert-network', EVENT_TYPES.expertRegistered, expert);
      const fromCa = partnerAnswer('ca', id, expert.id);
      await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeResponded, fromCa);
      const withCa = await eventually('the ca answer with its expert', async () => {
        const read = (await get(id)).body as ExchangeBody;
        return read.responses?.[0]?.expert ? read : undefined;
      });
      expect(withCa.responses![0]).toMatchObject({ id: fromCa.id, country: 'ca', expertId: expert.id, expert: { name: expert.name, country: 'ca' } });

      expect((await respond(id, 'SECOND_EXPERT')).status).toBe(201);
      const both = await eventually('the own answer too', async () => {
        const read = (await get(id)).body as ExchangeBody;
        return read.responseCount === 2 ? read : undefined;
      });
      expect(both.responses!.map((response) => response.country)).toEqual(['ca', 'mx']);
      expect((await listed('country=mx')).items.find((item) => item.id === id)?.responseCount).toBe(2);
    });

    it("dead-letters an uninvited country's answer and one arriving after the close, listing neither", async () => {
      const { id } = await ask();
      const uninvited = partnerAnswer('us', id, uuidv7());
      const uninvitedEvent = await node.producePartnerEvent('us', 'exchanges', 'expert-network', EVENT_TYPES.exchangeResponded, uninvited);
      const refused = await eventually('the dead letter of the us answer', () => node.deadLetter(uninvitedEvent));
      expect(refused[DEAD_LETTER_HEADERS.reasonKind]).toBe('rejected');
      expect(refused[DEAD_LETTER_HEADERS.reason]).toContain('Experts of us are not invited');

      expect((await close(id, 1)).status).toBe(200);
      const afterClose = partnerAnswer('ca', id, uuidv7());
      const afterCloseEvent = await node.producePartnerEvent('ca', 'exchanges', 'expert-network', EVENT_TYPES.exchangeResponded, afterClose);
      const refusedLate = await eventually('the dead letter of the late ca answer', () => node.deadLetter(afterCloseEvent));
      expect(refusedLate[DEAD_LETTER_HEADERS.reason]).toContain('is closed');

      const read = (await get(id)).body as ExchangeBody;
      expect(read).toMatchObject({ status: 'closed', responseCount: 0, responses: [] });
      expect(await node.connection.collection('exchange_responses').countDocuments({ exchangeKey: `mx:${id}` })).toBe(0);
    });
  });
});
