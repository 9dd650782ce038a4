import { EVENT_TYPES } from '@naperj/contracts';
import { eventually } from '@naperj/service-kit/testing';
import { createHash } from 'node:crypto';
import { ConsultationsService } from '@naperj/community-engagement/consultations/consultations.service';
import { RetentionService } from '@naperj/community-engagement/retention/retention.service';
import { JobLease } from '@naperj/community-engagement/scheduling/job-lease';
import { CommunityEngagementTestNode, type TopicMessage } from './community-engagement-test-node';

const DAY_MS = 86_400_000;
const liaison = { roles: ['liaison' as const], sub: 'liaison-mx-1' };

function consultationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { es: 'Acceso a la salud en la Costa Chica', en: 'Access to health on the Costa Chica' },
    description: { es: '¿Qué le impide recibir atención?' },
    originalLanguage: 'es',
    actionAreas: ['health-equity', 'education'],
    communities: ['Pueblos afromexicanos de la Costa Chica'],
    themes: [
      { key: 'language-barriers', label: { es: 'Barreras de idioma', en: 'Language barriers' } },
      { key: 'distance-to-clinic', label: { es: 'Distancia a la clínica' } },
    ],
    closesAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    ...overrides,
  };
}

/** A testimony with words no other test writes, so a scan of the topic finds only its own. */
function contributionBody(marker: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    text: `En la clínica nadie habla amuzgo ${marker}`,
    language: 'amu',
    themes: ['language-barriers'],
    demographics: { ageBand: '30-44', gender: 'non-binary', identityGroups: ['black-afro-descendant'] },
    contact: { email: `${marker}@example.org`, phone: '+52 741 555 0101' },
    consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09' },
    ...overrides,
  };
}

function marker(): string {
  return `m${Math.random().toString(36).slice(2, 12)}`;
}

describe('community-engagement API (mx, real Kafka and FerretDB)', () => {
  const node = new CommunityEngagementTestNode();
  let token: string;

  beforeAll(async () => {
    await node.start();
    token = await node.token(liaison);
  }, 60_000);

  afterAll(() => node.close(), 30_000);

  const contributions = () => node.connection.collection('contributions');

  async function openConsultation(overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
    const response = await node.http().post('/api/v1/consultations').auth(token, { type: 'bearer' }).send(consultationBody(overrides)).expect(201);
    return response.body as { id: string; version: number };
  }

  async function contribute(consultationId: string, body: Record<string, unknown>): Promise<{ id: string; receiptCode: string }> {
    const response = await node.http().post(`/api/v1/public/consultations/${consultationId}/contributions`).send(body).expect(201);
    return response.body as { id: string; receiptCode: string };
  }

  function eventsOf(messages: TopicMessage[], subject: string): TopicMessage[] {
    return messages.filter(({ key, decoded }) => key === subject && decoded);
  }

  describe('consultations', () => {
    it('creates an open consultation with its ETag and Location, shows it, and lists it newest first', async () => {
      const response = await node.http().post('/api/v1/consultations').auth(token, { type: 'bearer' }).send(consultationBody()).expect(201);
      const created = response.body as { id: string; status: string; version: number; agency: string; openedAt?: string };
      expect(created).toMatchObject({ status: 'open', version: 1, agency: 'IMSS-Bienestar', country: 'mx' });
      expect(response.headers['etag']).toBe('"1"');
      expect(response.headers['location']).toBe(`/api/v1/consultations/${created.id}`);
      const newer = await openConsultation();
      const newest = await openConsultation();

      await node.http().get(`/api/v1/consultations/${created.id}`).auth(token, { type: 'bearer' }).expect(200).expect('ETag', '"1"');
      const publicView = (await node.http().get(`/api/v1/public/consultations/${created.id}`).expect(200)).body as Record<string, unknown>;
      expect(publicView).toMatchObject({ id: created.id, status: 'open', themes: expect.any(Array) as unknown });
      expect(publicView).not.toHaveProperty('agency');

      type Page = { items: { id: string }[]; nextCursor: string | null };
      const list = async (query: string): Promise<Page> =>
        (await node.http().get(`/api/v1/consultations?${query}`).auth(token, { type: 'bearer' }).expect(200)).body as Page;
      const first = await eventually('all three listed', async () => {
        const page = await list('limit=2');
        return page.items.map(({ id }) => id).join() === [newest.id, newer.id].join() ? page : undefined;
      });
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await list(`limit=2&cursor=${first.nextCursor}`);
      expect(second.items[0]?.id).toBe(created.id);
      await node.http().get('/api/v1/consultations?cursor=not-ours').auth(token, { type: 'bearer' }).expect(400);
      const opened = eventsOf(await node.privateEvents(), created.id);
      expect(opened.map(({ decoded }) => decoded?.event.type)).toEqual([EVENT_TYPES.consultationOpened]);
    });

    it('refuses invalid consultations with 400 and records nothing', async () => {
      const before = await node.recordedEventCount();
      const invalid = [
        consultationBody({ themes: [] }),
        consultationBody({ title: { en: 'Only English' } }),
        consultationBody({ closesAt: new Date(Date.now() - DAY_MS).toISOString() }),
        consultationBody({ exchangeId: '01a225da-4c08-72f7-b855-a228a9ac4b3f' }),
        consultationBody({ unknown: true }),
      ];
      for (const body of invalid) {
        const response = await node.http().post('/api/v1/consultations').auth(token, { type: 'bearer' }).send(body).expect(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      await node
        .http()
        .post('/api/v1/consultations')
        .auth(await node.token({ roles: ['submitter'] }), { type: 'bearer' })
        .send(consultationBody())
        .expect(403);
      expect(await node.recordedEventCount()).toBe(before);
    });

    it('closes by hand with If-Match, then refuses contributions with 409 and its status', async () => {
      const { id } = await openConsultation();
      await node.http().post(`/api/v1/consultations/${id}/close`).auth(token, { type: 'bearer' }).expect(428);
      await node.http().post(`/api/v1/consultations/${id}/close`).auth(token, { type: 'bearer' }).set('If-Match', '"7"').expect(412);
      const closed = await node.http().post(`/api/v1/consultations/${id}/close`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', version: 2 });
      expect(closed.headers['etag']).toBe('"2"');
      await node.http().post(`/api/v1/consultations/${id}/close`).auth(token, { type: 'bearer' }).set('If-Match', '"2"').expect(409);

      const count = await contributions().countDocuments();
      const refused = await node.http().post(`/api/v1/public/consultations/${id}/contributions`).send(contributionBody(marker())).expect(409);
      expect(refused.body).toMatchObject({ currentStatus: 'closed' });
      expect(await contributions().countDocuments()).toBe(count);
    });

    it('lets one replica run each slot of a scheduled job', async () => {
      const slot = Date.now();
      const replicas = [node.app.get(JobLease), new JobLease(node.connection), new JobLease(node.connection)];
      const claims = await Promise.all(replicas.map((lease) => lease.claim('consultation-schedule', slot)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await replicas[1]!.claim('consultation-schedule', slot + 1)).toBe(true);
    });

    it('schedules a consultation that opens later, refuses contributions until then, and opens and closes it by its dates', async () => {
      const opensAt = new Date(Date.now() + DAY_MS).toISOString();
      const closesAt = new Date(Date.now() + 2 * DAY_MS).toISOString();
      const { id, status } = (
        await node.http().post('/api/v1/consultations').auth(token, { type: 'bearer' }).send(consultationBody({ opensAt, closesAt })).expect(201)
      ).body as { id: string; status: string };
      expect(status).toBe('scheduled');
      const early = await node.http().post(`/api/v1/public/consultations/${id}/contributions`).send(contributionBody(marker())).expect(409);
      expect(early.body).toMatchObject({ currentStatus: 'scheduled' });

      const schedule = node.app.get(ConsultationsService);
      await eventually('listed', async () => (await node.connection.collection('consultations').findOne({ _id: id as never })) ?? undefined);
      expect((await schedule.applySchedule(new Date(Date.now() + 1.5 * DAY_MS))).opened).toContain(id);
      await eventually('listed open', async () =>
        (await node.connection.collection('consultations').findOne({ _id: id as never }))?.['status'] === 'open' ? true : undefined,
      );
      expect((await schedule.applySchedule(new Date(Date.now() + 3 * DAY_MS))).closed).toContain(id);

      const types = eventsOf(await node.privateEvents(), id).map(({ decoded }) => decoded?.event.type);
      expect(types).toEqual([EVENT_TYPES.consultationScheduled, EVENT_TYPES.consultationOpened, EVENT_TYPES.consultationClosed]);
    });
  });

  describe('contributions', () => {
    let consultationId: string;

    beforeAll(async () => {
      consultationId = (await openConsultation()).id;
    });

    it('takes a public contribution: a high-entropy receipt stored only as its hash, text and contact sealed', async () => {
      const words = marker();
      const response = await node.http().post(`/api/v1/public/consultations/${consultationId}/contributions`).send(contributionBody(words)).expect(201);
      const { id, receiptCode } = response.body as { id: string; receiptCode: string };
      expect(receiptCode.replace(/-/g, '')).toMatch(/^[A-Z2-7]{32}$/);
      expect(response.headers['cache-control']).toBe('no-store');

      const raw = await contributions().findOne({ _id: id as never });
      const bytes = JSON.stringify(raw);
      expect(raw?.['receiptHash']).toBe(createHash('sha256').update(receiptCode.replace(/-/g, '')).digest('hex'));
      for (const secret of [receiptCode, receiptCode.replace(/-/g, ''), words, `${words}@example.org`, '741 555 0101', 'black-afro-descendant', 'non-binary']) {
        expect(bytes).not.toContain(secret);
      }
      expect(raw).toMatchObject({ consultationId, themes: ['language-barriers'], actionAreas: ['health-equity', 'education'], source: 'public' });
    });

    it('takes one from a liaison and lists it to liaisons with its text, never its contact', async () => {
      const words = marker();
      const { id } = (
        await node
          .http()
          .post(`/api/v1/consultations/${consultationId}/contributions`)
          .auth(token, { type: 'bearer' })
          .send(contributionBody(words, { actionAreas: ['education'] }))
          .expect(201)
      ).body as { id: string };
      const listed = (await node.http().get(`/api/v1/consultations/${consultationId}/contributions?limit=100`).auth(token, { type: 'bearer' }).expect(200))
        .body as {
        items: Record<string, unknown>[];
      };
      const item = listed.items.find((candidate) => candidate['id'] === id);
      expect(item).toMatchObject({
        text: expect.stringContaining(words) as unknown,
        language: 'amu',
        hasContact: true,
        source: 'liaison',
        actionAreas: ['education'],
      });
      expect(JSON.stringify(listed)).not.toContain(`${words}@example.org`);
      expect(JSON.stringify(listed)).not.toContain('741 555 0101');
      await node.http().get(`/api/v1/consultations/${consultationId}/contributions`).expect(401);
    });

    it('keeps no text, contact or demographics without consent to store them', async () => {
      const words = marker();
      const { id } = await contribute(consultationId, contributionBody(words, { consent: { store: false, shareAnonymized: true, wordingVersion: '2026-09' } }));
      const raw = await contributions().findOne({ _id: id as never });
      expect(raw).not.toHaveProperty('testimony');
      expect(raw).not.toHaveProperty('contact');
      expect(raw).toMatchObject({ themes: ['language-barriers'], consent: { store: false, shareAnonymized: true } });
    });

    it('refuses themes the consultation does not offer and invalid bodies with 400, storing nothing', async () => {
      const before = await contributions().countDocuments();
      const events = await node.recordedEventCount();
      for (const body of [
        contributionBody(marker(), { themes: ['housing'] }),
        contributionBody(marker(), { actionAreas: ['justice-system'] }),
        contributionBody(marker(), { language: 'not a tag' }),
        contributionBody(marker(), { demographics: { ageBand: '37' } }),
        contributionBody(marker(), { contact: {} }),
        contributionBody(marker(), { text: 'x'.repeat(5_001) }),
      ]) {
        await node.http().post(`/api/v1/public/consultations/${consultationId}/contributions`).send(body).expect(400);
      }
      expect(await contributions().countDocuments()).toBe(before);
      expect(await node.recordedEventCount()).toBe(events);
    });

    it('answers 413 to a body larger than a contribution needs, storing nothing', async () => {
      const before = await contributions().countDocuments();
      const response = await node
        .http()
        .post(`/api/v1/public/consultations/${consultationId}/contributions`)
        .send(contributionBody(marker(), { text: 'x'.repeat(20_000) }))
        .expect(413);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await contributions().countDocuments()).toBe(before);
    });

    it('hides a contribution with a reason (If-Match), keeping the reason out of the event', async () => {
      const { id } = await contribute(consultationId, contributionBody(marker()));
      const reason = `Names a nurse ${marker()}`;
      await node.http().post(`/api/v1/contributions/${id}/hide`).auth(token, { type: 'bearer' }).send({ reason }).expect(428);
      const hidden = await node
        .http()
        .post(`/api/v1/contributions/${id}/hide`)
        .auth(token, { type: 'bearer' })
        .set('If-Match', '"1"')
        .send({ reason })
        .expect(200);
      expect(hidden.body).toMatchObject({ status: 'hidden', version: 2, hiddenReason: reason });
      await node.http().post(`/api/v1/contributions/${id}/hide`).auth(token, { type: 'bearer' }).set('If-Match', '"2"').send({ reason }).expect(409);

      const messages = eventsOf(await node.privateEvents(), id);
      expect(messages.map(({ decoded }) => decoded?.event.type)).toEqual([EVENT_TYPES.contributionReceived, EVENT_TYPES.contributionHidden]);
      expect(messages.map(({ value }) => value?.toString('utf8')).join()).not.toContain(reason);
    });

    it('withdraws with the receipt code: a wrong code is refused alike to an unknown id; the right one erases the document', async () => {
      const { id, receiptCode } = await contribute(consultationId, contributionBody(marker()));
      const other = await contribute(consultationId, contributionBody(marker()));
      await node.http().delete(`/api/v1/contributions/${id}`).send({ receiptCode: other.receiptCode }).expect(404);
      await node.http().delete('/api/v1/contributions/01a225da-4c08-72f7-b855-b3f392732b0d').send({ receiptCode }).expect(404);
      await node.http().delete(`/api/v1/contributions/${id}`).expect(401);
      expect(await contributions().countDocuments({ _id: id as never })).toBe(1);

      await node.http().delete(`/api/v1/contributions/${id}`).send({ receiptCode: receiptCode.toLowerCase() }).expect(204);
      expect(await contributions().countDocuments({ _id: id as never })).toBe(0);
      await node.http().delete(`/api/v1/contributions/${id}`).send({ receiptCode }).expect(404);

      const types = eventsOf(await node.privateEvents(), id).map(({ decoded }) => decoded?.event.type);
      expect(types).toEqual([EVENT_TYPES.contributionReceived, EVENT_TYPES.contributionErased]);
    });

    it('lets a liaison erase a contribution with a token, and no one else', async () => {
      const { id } = await contribute(consultationId, contributionBody(marker()));
      await node
        .http()
        .delete(`/api/v1/contributions/${id}`)
        .auth(await node.token({ roles: ['submitter'] }), { type: 'bearer' })
        .expect(403);
      await node
        .http()
        .delete(`/api/v1/contributions/${id}`)
        .auth(await node.token({ roles: ['liaison'], country: 'us' }), { type: 'bearer' })
        .expect(401);
      await node.http().delete(`/api/v1/contributions/${id}`).auth(token, { type: 'bearer' }).expect(204);
      expect(await contributions().countDocuments({ _id: id as never })).toBe(0);
    });

    it('puts no testimony, contact or demographics in any event', async () => {
      const words = marker();
      const { id } = await contribute(consultationId, contributionBody(words));
      const messages = await node.privateEvents();
      const received = eventsOf(messages, id);
      expect(received.map(({ decoded }) => decoded?.event.type)).toEqual([EVENT_TYPES.contributionReceived]);
      expect(received[0]?.decoded?.event.data).toEqual({
        id,
        country: 'mx',
        version: 1,
        consultationId,
        themes: ['language-barriers'],
        actionAreas: ['health-equity', 'education'],
        consent: { store: true, shareAnonymized: true },
        receivedAt: expect.any(String) as unknown,
      });
      const everything = messages.map(({ value }) => value?.toString('utf8') ?? '').join('\n');
      for (const secret of [words, `${words}@example.org`, '741 555 0101', 'amuzgo']) expect(everything).not.toContain(secret);
      const contributionBytes = messages
        .filter(({ decoded }) => decoded?.event.type.startsWith('org.naperj.contribution.'))
        .map(({ value }) => value?.toString('utf8') ?? '')
        .join('\n');
      for (const demographic of ['black-afro-descendant', 'non-binary', '30-44', '"amu"']) expect(contributionBytes).not.toContain(demographic);
    });

    it('erases testimony past the retention period, keeping the tags it counted for', async () => {
      const { id } = await contribute(consultationId, contributionBody(marker()));
      const retention = node.app.get(RetentionService);
      expect(await retention.eraseExpired(new Date(Date.now() + 300 * DAY_MS))).toBe(0);
      expect(await contributions().findOne({ _id: id as never })).toHaveProperty('testimony');

      expect(await retention.eraseExpired(new Date(Date.now() + 366 * DAY_MS))).toBeGreaterThan(0);
      const raw = await contributions().findOne({ _id: id as never });
      expect(raw).not.toHaveProperty('testimony');
      expect(raw).not.toHaveProperty('contact');
      expect(raw).not.toHaveProperty('eraseAfter');
      expect(raw).toMatchObject({ themes: ['language-barriers'], consent: { store: true } });
      expect(await contributions().countDocuments({ testimony: { $exists: true } })).toBe(0);
    });
  });
});

describe('the public endpoint under a flood (us, real Kafka and FerretDB)', () => {
  // Its own country and limit: the flood spends the client address's quota, and the node's
  // consumer groups stay apart from the mx node's.
  const node = new CommunityEngagementTestNode({ country: 'us', env: { PUBLIC_WRITES_PER_MINUTE: '3' } });

  beforeAll(() => node.start(), 60_000);
  afterAll(() => node.close(), 30_000);

  it('answers 429 with Retry-After once a client has sent its share, and stores nothing then', async () => {
    const token = await node.token({ roles: ['liaison'], agency: 'HHS' });
    const { id } = (await node.http().post('/api/v1/consultations').auth(token, { type: 'bearer' }).send(consultationBody()).expect(201)).body as {
      id: string;
    };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await node.http().post(`/api/v1/public/consultations/${id}/contributions`).send(contributionBody(marker()))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = await node.http().post(`/api/v1/public/consultations/${id}/contributions`).send(contributionBody(marker())).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await node.connection.collection('contributions').countDocuments()).toBe(3);
    await node.http().delete(`/api/v1/contributions/${id}`).send({ receiptCode: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' }).expect(404);
  });
});
