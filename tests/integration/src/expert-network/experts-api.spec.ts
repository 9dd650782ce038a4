import { EVENT_DATA_EXAMPLES, EVENT_TYPES, privateEventsTopic, type RemovalData, type SharedExpertData, sharedTopic } from '@naperj/contracts';
import { eventually } from '@naperj/service-kit/testing';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryRepository } from '@naperj/expert-network/directory/directory.repository';
import { ExpertNetworkTestNode, type TopicMessage } from './expert-network-test-node';

// Topics outlive each test's database: a run's own words, accounts and emails keep its reads to its own records.
const RUN = `r${Date.now().toString(36)}`;
const EMAIL = `citlali.${RUN}@example.org`;

const EXPERT = { roles: ['expert'], agency: 'UNAM', sub: `citlali.${RUN}@unam` };
const OTHER_EXPERT = { roles: ['expert'], agency: 'INPI', sub: `tomas.${RUN}@inpi` };
const LIAISON = { roles: ['liaison'], agency: 'SRE', sub: `liaison.${RUN}@sre` };
const REVIEWER = { roles: ['reviewer'], agency: 'CONAPRED', sub: `rosa.${RUN}@conapred` };

const profile = {
  name: `Citlali Hernández ${RUN}`,
  affiliation: 'Universidad Intercultural del Estado de Puebla',
  bio: { es: 'Partera tradicional e investigadora en salud materna intercultural.', en: 'Traditional midwife and researcher.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  sdgTargets: ['3.1'],
  languages: ['nah', 'es-MX'],
  populations: ['Pueblos nahuas'],
  contact: { email: EMAIL, phone: '+52 222 555 0142' },
  consent: { shareProfile: true, contactable: true, review: true, wordingVersion: '2026-09' },
};

interface ExpertBody {
  id: string;
  version: number;
  country: string;
  name: string;
  contact?: { email: string };
  consent?: { shareProfile: boolean; givenAt: string };
  userId?: string;
}
interface Page {
  items: ExpertBody[];
  nextCursor: string | null;
}

describe('experts API and directory (node mx on the real Kafka and FerretDB)', () => {
  const node = new ExpertNetworkTestNode({ country: 'mx', env: { FEDERATION_PEERS: 'us,ca' } });
  const tokens: Record<string, string> = {};
  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    await node.start();
    for (const [name, caller] of Object.entries({ EXPERT, OTHER_EXPERT, LIAISON, REVIEWER })) tokens[name] = await node.token(caller);
  }, 60_000);

  afterAll(() => node.close());

  async function register(body: object, who: keyof typeof tokens = 'LIAISON'): Promise<ExpertBody> {
    const response = await node.http().post('/api/v1/experts').set(as(who)).send(body);
    expect(response.status).toBe(201);
    return response.body as ExpertBody;
  }

  /** A profile a liaison registers for a fresh account of this run. */
  const forSomeone = (overrides: object = {}) => ({ ...profile, contact: undefined, userId: `someone.${uuidv7()}`, ...overrides });

  const sharedRecordsOf = async (id: string): Promise<TopicMessage[]> => (await node.read(sharedTopic('mx', 'experts'))).filter(({ key }) => key === id);

  const listed = (query: string, who: keyof typeof tokens = 'REVIEWER') =>
    node
      .http()
      .get(`/api/v1/experts?${query}`)
      .set(as(who))
      .then((response) => response.body as Page);

  describe('the lifecycle', () => {
    let id: string;

    it('registers the caller, version 1, with an ETag, a Location and the consent stamped by the server', async () => {
      const before = Date.now();
      const response = await node.http().post('/api/v1/experts').set(as('EXPERT')).send(profile);
      expect(response.status).toBe(201);
      const body = response.body as ExpertBody;
      id = body.id;
      expect(body).toMatchObject({ version: 1, country: 'mx', userId: EXPERT.sub, agency: 'UNAM', hasContact: true, reviews: true, contact: profile.contact });
      expect(Date.parse(body.consent!.givenAt)).toBeGreaterThanOrEqual(before - 1);
      expect(response.headers['etag']).toBe('"1"');
      expect(response.headers['location']).toBe(`/api/v1/experts/${id}`);
    });

    it('shows the whole profile and the decrypted contact to the expert and a liaison, the public profile to others', async () => {
      const own = await node.http().get(`/api/v1/experts/${id}`).set(as('EXPERT'));
      expect(own.status).toBe(200);
      expect(own.headers['etag']).toBe('"1"');
      expect(own.body).toMatchObject({ id, userId: EXPERT.sub, contact: profile.contact, consent: { shareProfile: true } });
      expect((await node.http().get(`/api/v1/experts/${id}`).set(as('LIAISON'))).body).toMatchObject({ contact: profile.contact });
      const seen = (await node.http().get(`/api/v1/experts/${id}`).set(as('REVIEWER'))).body as Record<string, unknown>;
      expect(seen).toMatchObject({ id, name: profile.name, languages: profile.languages });
      for (const hidden of ['contact', 'userId', 'agency', 'consent', 'hasContact']) expect(seen).not.toHaveProperty(hidden);
    });

    it('refuses a second profile for the same account (409), recording nothing', async () => {
      const count = await node.recordedEventCount('expert');
      const response = await node.http().post('/api/v1/experts').set(as('EXPERT')).send(profile);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ expertId: id });
      expect(await node.recordedEventCount('expert')).toBe(count);
    });

    it('changes a profile with If-Match only: 428 without, 412 when stale, 403 for another person', async () => {
      const patch = { affiliation: 'INPI' };
      expect((await node.http().patch(`/api/v1/experts/${id}`).set(as('EXPERT')).send(patch)).status).toBe(428);
      expect((await node.http().patch(`/api/v1/experts/${id}`).set(as('EXPERT')).set('If-Match', '"7"').send(patch)).status).toBe(412);
      expect((await node.http().patch(`/api/v1/experts/${id}`).set(as('OTHER_EXPERT')).set('If-Match', '"1"').send(patch)).status).toBe(403);
      const changed = await node.http().patch(`/api/v1/experts/${id}`).set(as('EXPERT')).set('If-Match', '"1"').send(patch);
      expect(changed.status).toBe(200);
      expect(changed.headers['etag']).toBe('"2"');
      expect(changed.body).toMatchObject({ version: 2, affiliation: 'INPI', name: profile.name, contact: profile.contact });
      expect((await node.http().patch(`/api/v1/experts/${id}`).set(as('EXPERT')).set('If-Match', '"1"').send(patch)).status).toBe(412);
    });

    it('stamps a changed consent anew and merges it member by member', async () => {
      const held = ((await node.http().get(`/api/v1/experts/${id}`).set(as('EXPERT'))).body as ExpertBody).consent!;
      const changed = await node
        .http()
        .patch(`/api/v1/experts/${id}`)
        .set(as('LIAISON'))
        .set('If-Match', '"2"')
        .send({ consent: { review: false } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        version: 3,
        reviews: false,
        consent: { shareProfile: true, contactable: true, review: false, wordingVersion: '2026-09' },
      });
      expect((changed.body as ExpertBody).consent!.givenAt > held.givenAt).toBe(true);
    });

    it('withdraws with If-Match: the profile is gone, its contact erased, the partners told with a withdrawal and a tombstone', async () => {
      expect((await node.http().delete(`/api/v1/experts/${id}`).set(as('EXPERT'))).status).toBe(428);
      expect((await node.http().delete(`/api/v1/experts/${id}`).set(as('REVIEWER')).set('If-Match', '"3"')).status).toBe(403);
      const withdrawn = await node.http().delete(`/api/v1/experts/${id}`).set(as('EXPERT')).set('If-Match', '"3"');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.headers['etag']).toBe('"4"');
      expect((await node.http().get(`/api/v1/experts/${id}`).set(as('EXPERT'))).status).toBe(404);
      expect((await node.http().delete(`/api/v1/experts/${id}`).set(as('EXPERT')).set('If-Match', '"4"')).status).toBe(409);
      expect(await node.connection.collection('expert_contacts').countDocuments({ _id: id as never })).toBe(0);

      await node.published();
      const shared = await sharedRecordsOf(id);
      expect(
        shared.map(({ decoded, value }) => (value === null ? 'tombstone' : `${decoded?.event.type} v${(decoded?.event.data as { version: number }).version}`)),
      ).toEqual([
        `${EVENT_TYPES.expertRegistered} v1`,
        `${EVENT_TYPES.expertUpdated} v2`,
        `${EVENT_TYPES.expertUpdated} v3`,
        `${EVENT_TYPES.expertWithdrawn} v4`,
        'tombstone',
      ]);
      const privately = (await node.read(privateEventsTopic('mx', 'expert-network'))).filter(({ key }) => key === id);
      expect(privately.map(({ decoded }) => decoded?.event.type)).toEqual([
        EVENT_TYPES.expertRegistered,
        EVENT_TYPES.expertUpdated,
        EVENT_TYPES.expertUpdated,
        EVENT_TYPES.expertWithdrawn,
      ]);
    });

    it('lets the account register again once withdrawn', async () => {
      const again = await register(profile, 'EXPERT');
      expect(again.id).not.toBe(id);
      expect(again.version).toBe(1);
    });
  });

  describe('bad input', () => {
    it('answers 400 listing the invalid members, and records nothing', async () => {
      const count = await node.recordedEventCount('expert');
      const cases: [object, string][] = [
        [{ ...profile, unknown: 1 }, '/unknown'],
        [{ ...profile, languages: ['español'] }, '/languages'],
        [{ ...profile, contact: { email: 'not-an-email' } }, '/contact/email'],
        [{ ...profile, consent: { shareProfile: true } }, '/consent/contactable'],
        [{ ...profile, actionAreas: [] }, '/actionAreas'],
        [{ ...profile, bio: { en: 'Only English.' } }, '/bio'],
      ];
      for (const [body, pointer] of cases) {
        const response = await node.http().post('/api/v1/experts').set(as('OTHER_EXPERT')).send(body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(response.body)).toContain(pointer);
      }
      expect(await node.recordedEventCount('expert')).toBe(count);
      expect(await node.connection.collection('expert_accounts').countDocuments({ _id: OTHER_EXPERT.sub as never })).toBe(0);
    });

    it('refuses a patch whose merged profile would be invalid, recording nothing', async () => {
      const { id } = await register(forSomeone());
      const count = await node.recordedEventCount('expert');
      for (const patch of [{ name: null }, { consent: { shareProfile: 'yes' } }, { contact: { phone: '+52 55 1234 5678' } }, { userId: 'someone-else' }]) {
        const response = await node.http().patch(`/api/v1/experts/${id}`).set(as('LIAISON')).set('If-Match', '"1"').send(patch);
        expect(response.status).toBe(400);
      }
      expect(await node.recordedEventCount('expert')).toBe(count);
    });

    it('refuses an expert registering someone else (403), recording nothing', async () => {
      const count = await node.recordedEventCount('expert');
      expect((await node.http().post('/api/v1/experts').set(as('OTHER_EXPERT')).send(forSomeone())).status).toBe(403);
      expect((await node.http().post('/api/v1/experts').set(as('REVIEWER')).send(profile)).status).toBe(403);
      expect(await node.recordedEventCount('expert')).toBe(count);
    });
  });

  describe('the contact', () => {
    it("is in no record of the node's topics and only encrypted in the database", async () => {
      await register({ ...forSomeone(), contact: { email: EMAIL } });
      await node.published();
      const records = await node.read(privateEventsTopic('mx', 'expert-network'), sharedTopic('mx', 'experts'));
      expect(records.length).toBeGreaterThan(0);
      for (const { value, headers } of records) {
        expect(value?.includes(EMAIL) ?? false).toBe(false);
        expect(JSON.stringify(headers)).not.toContain(EMAIL);
      }
      const contacts = await node.connection.collection('expert_contacts').find().toArray();
      expect(contacts.length).toBeGreaterThan(0);
      expect(JSON.stringify(contacts)).not.toContain(EMAIL);
      expect(JSON.stringify(contacts)).not.toContain('citlali');
      const events = await node.connection.collection('expert-network_events').find().toArray();
      expect(JSON.stringify(events)).not.toContain(EMAIL);
    });

    it('is erased by `contact: null`', async () => {
      const { id } = await register({ ...forSomeone(), contact: { email: EMAIL } });
      const response = await node.http().patch(`/api/v1/experts/${id}`).set(as('LIAISON')).set('If-Match', '"1"').send({ contact: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ hasContact: false });
      expect(response.body).not.toHaveProperty('contact');
      expect(await node.connection.collection('expert_contacts').countDocuments({ _id: id as never })).toBe(0);
    });
  });

  describe('consent to share', () => {
    it('keeps a profile registered without it off the shared topic', async () => {
      const { id } = await register(forSomeone({ consent: { ...profile.consent, shareProfile: false } }));
      await node.published();
      expect(await sharedRecordsOf(id)).toEqual([]);
      const privately = (await node.read(privateEventsTopic('mx', 'expert-network'))).filter(({ key }) => key === id);
      expect(privately).toHaveLength(1);
    });

    it('turned off, withdraws the profile from the partners with a tombstone; turned on again, shares it at a higher version', async () => {
      const { id } = await register(forSomeone());
      const off = await node
        .http()
        .patch(`/api/v1/experts/${id}`)
        .set(as('LIAISON'))
        .set('If-Match', '"1"')
        .send({ consent: { shareProfile: false } });
      expect(off.status).toBe(200);
      const on = await node
        .http()
        .patch(`/api/v1/experts/${id}`)
        .set(as('LIAISON'))
        .set('If-Match', '"2"')
        .send({ consent: { shareProfile: true } });
      expect(on.status).toBe(200);
      await node.published();
      const shared = await sharedRecordsOf(id);
      expect(
        shared.map(({ decoded, value }) => (value === null ? 'tombstone' : `${decoded?.event.type} v${(decoded?.event.data as { version: number }).version}`)),
      ).toEqual([`${EVENT_TYPES.expertRegistered} v1`, `${EVENT_TYPES.expertWithdrawn} v2`, 'tombstone', `${EVENT_TYPES.expertUpdated} v3`]);
      expect(shared[1]!.decoded?.event.data).toEqual({ id, country: 'mx', version: 2 });
    });
  });

  describe('the directory', () => {
    it('lists own experts with language, action area and accent-insensitive search, newest first, paged by cursor', async () => {
      const word = `zapoteco${RUN}`;
      const first = await register(forSomeone({ name: `Éfren Ruiz ${word}`, languages: ['zap', 'es-MX'], actionAreas: ['education'] }));
      const second = await register(
        forSomeone({ name: `Ana Díaz ${word}`, languages: ['es'], actionAreas: ['education'], consent: { ...profile.consent, shareProfile: false } }),
      );
      const page = await eventually('both in the directory', async () => {
        const found = await listed(`q=${encodeURIComponent(word.toUpperCase())}`);
        return found.items.length === 2 ? found : undefined;
      });
      expect(page.items.map(({ id }) => id)).toEqual([second.id, first.id]);
      for (const item of page.items) expect(item).not.toHaveProperty('userId');

      expect((await listed(`q=efren ${word}`)).items.map(({ id }) => id)).toEqual([first.id]);
      expect((await listed(`q=${word}&language=es`)).items.map(({ id }) => id)).toEqual([second.id, first.id]);
      expect((await listed(`q=${word}&language=es-mx`)).items.map(({ id }) => id)).toEqual([first.id]);
      expect((await listed(`q=${word}&language=zap&actionArea=education&country=mx`)).items.map(({ id }) => id)).toEqual([first.id]);
      expect((await listed(`q=${word}&country=us`)).items).toEqual([]);
      expect((await listed(`q=${word}`, 'LIAISON')).items[0]).toHaveProperty('userId');

      const one = await listed(`q=${word}&limit=1`);
      expect(one.items.map(({ id }) => id)).toEqual([second.id]);
      const next = await listed(`q=${word}&limit=1&cursor=${one.nextCursor}`);
      expect(next.items.map(({ id }) => id)).toEqual([first.id]);
      expect(next.nextCursor).toBeNull();
      expect((await node.http().get('/api/v1/experts?cursor=nonsense').set(as('REVIEWER'))).status).toBe(400);
      expect((await node.http().get('/api/v1/experts?language=not a tag').set(as('REVIEWER'))).status).toBe(400);
    });
  });

  describe("partners' experts", () => {
    const partnerProfile = (version: number): SharedExpertData => ({
      ...EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].shared,
      id: partnerId,
      country: 'us',
      version,
      name: `Marcus Bell ${RUN}`,
      languages: ['en', 'es-US'],
    });
    const partnerId = uuidv7();

    it("lists a partner's shared profile, serves it by id and as a public profile", async () => {
      await node.producePartnerEvent('us', 'experts', 'expert-network', EVENT_TYPES.expertRegistered, partnerProfile(2));
      const page = await eventually('the partner in the directory', async () => {
        const found = await listed(`q=${RUN}&country=us`);
        return found.items.length === 1 ? found : undefined;
      });
      expect(page.items[0]).toMatchObject({ id: partnerId, country: 'us', name: `Marcus Bell ${RUN}` });
      expect((await listed(`q=marcus ${RUN}&language=es`)).items.map(({ id }) => id)).toEqual([partnerId]);
      expect((await node.http().get(`/api/v1/experts/${partnerId}`).set(as('REVIEWER'))).body).toMatchObject({ id: partnerId, country: 'us' });
      const profiles = await node.app.get(DirectoryRepository).publicProfiles([
        { country: 'us', id: partnerId },
        { country: 'ca', id: partnerId },
      ]);
      expect([...profiles.keys()]).toEqual([`us:${partnerId}`]);
    });

    it("erases a partner's withdrawn profile and sends exactly one erasure receipt, however often the withdrawal comes", async () => {
      const withdrawal: RemovalData = { id: partnerId, country: 'us', version: 3 };
      const ceId = await node.producePartnerEvent('us', 'experts', 'expert-network', EVENT_TYPES.expertWithdrawn, withdrawal);
      await eventually('the copy erased', async () => ((await listed(`q=${RUN}&country=us`)).items.length === 0 ? true : undefined));
      const entry = await node.connection.collection('expert_directory').findOne({ _id: `us:${partnerId}` as never });
      expect(entry).toMatchObject({ version: 3, removed: true });
      expect(entry).not.toHaveProperty('view');
      expect(entry).not.toHaveProperty('searchTokens');
      expect((await node.http().get(`/api/v1/experts/${partnerId}`).set(as('REVIEWER'))).status).toBe(404);

      // The same event again, and the withdrawal republished under a new id.
      await node.producePartnerEvent('us', 'experts', 'expert-network', EVENT_TYPES.expertWithdrawn, withdrawal, ceId);
      const again = await node.producePartnerEvent('us', 'experts', 'expert-network', EVENT_TYPES.expertWithdrawn, withdrawal);
      await eventually('the redelivery applied', () =>
        node.connection
          .collection('consumed_events')
          .findOne({ _id: `mx.expert-network.partner-directory:us:${again}` as never })
          .then((found) => found ?? undefined),
      );
      await node.published();
      const receipts = (await sharedRecordsOf(partnerId)).map(({ decoded, value }) => (value === null ? 'tombstone' : decoded?.event));
      expect(receipts).toHaveLength(2);
      expect(receipts[0]).toMatchObject({
        type: EVENT_TYPES.expertErased,
        subject: partnerId,
        data: { id: partnerId, country: 'us', version: 3 },
      });
      expect(receipts[1]).toBe('tombstone');
      expect((receipts[0] as { source: string }).source).toMatch(/mx/);
    });

    it('shares the profile again when the partner does, at a higher version', async () => {
      await node.producePartnerEvent('us', 'experts', 'expert-network', EVENT_TYPES.expertUpdated, partnerProfile(4));
      const page = await eventually('the partner back in the directory', async () => {
        const found = await listed(`q=${RUN}&country=us`);
        return found.items.length === 1 ? found : undefined;
      });
      expect(page.items[0]).toMatchObject({ id: partnerId, version: 4 });
    });
  });

  describe('erasure receipts', () => {
    it('show which partners confirmed a withdrawal, and how long each took; the others are pending', async () => {
      const { id } = await register(forSomeone());
      const withdrawn = await node.http().delete(`/api/v1/experts/${id}`).set(as('LIAISON')).set('If-Match', '"1"');
      expect(withdrawn.status).toBe(200);
      const before = await node.http().get(`/api/v1/experts/${id}/erasure`).set(as('LIAISON'));
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ id, version: 2, receipts: [], pending: ['us', 'ca'] });
      expect((await node.http().get(`/api/v1/experts/${id}/erasure`).set(as('REVIEWER'))).status).toBe(404);

      await node.producePartnerEvent('us', 'experts', 'expert-network', EVENT_TYPES.expertErased, { id, country: 'mx', version: 2 });
      const status = await eventually('the receipt of us', async () => {
        const body = (await node.http().get(`/api/v1/experts/${id}/erasure`).set(as('LIAISON'))).body as {
          receipts: { country: string; tookMs: number }[];
          pending: string[];
        };
        return body.receipts.length === 1 ? body : undefined;
      });
      expect(status.receipts[0]).toMatchObject({ country: 'us' });
      expect(status.receipts[0]!.tookMs).toBeGreaterThanOrEqual(0);
      expect(status.pending).toEqual(['ca']);
    });

    it('are for withdrawn profiles only', async () => {
      const { id } = await register(forSomeone());
      expect((await node.http().get(`/api/v1/experts/${id}/erasure`).set(as('LIAISON'))).status).toBe(404);
    });
  });
});
