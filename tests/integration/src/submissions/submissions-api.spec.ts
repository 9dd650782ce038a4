import { type AssignedReviewer, DEAD_LETTER_HEADERS, EVENT_TYPES, privateEventsTopic, type ReviewerMatchReason, sharedTopic } from '@naperj/contracts';
import { loadLocalTrustStore, sharedEventRejection } from '@naperj/messaging';
import { eventually } from '@naperj/service-kit/testing';
import { v7 as uuidv7 } from 'uuid';
import { peerSubmission, SubmissionsTestNode, type TopicMessage } from './submissions-test-node';

const SUBMITTER = { roles: ['submitter'], agency: 'SRE', sub: 'ana.lopez@sre' };
const OTHER_AGENCY = { roles: ['submitter'], agency: 'INPI', sub: 'luis.perez@inpi' };
const REVIEWER = { roles: ['reviewer'], agency: 'CONAPRED', sub: 'rosa.diaz@conapred' };
const EXPERT = { roles: ['expert'], agency: 'UNAM', sub: 'maria.ruiz@unam' };

// The node's private topic outlives each test's database: a run's own words keep its searches to its own drafts.
const RUN = `r${Date.now().toString(36)}`;

const draft = {
  kind: 'practice',
  title: { es: 'Promotoras comunitarias de salud en lenguas indígenas', en: 'Community health promoters' },
  summary: { es: 'Una red de promotoras acompaña a las familias indígenas en su lengua materna.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  sdgTargets: ['3.8', '10.2'],
  sharing: 'trilateral',
};

/** The bodies of the API's answers, as far as these tests read them. */
interface Problem {
  detail: string;
}
interface SubmissionPage {
  items: { id: string }[];
  nextCursor: string | null;
}

describe('submissions API (node mx on the real Kafka and FerretDB)', () => {
  const node = new SubmissionsTestNode();
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    await node.start();
    for (const [name, caller] of Object.entries({ SUBMITTER, OTHER_AGENCY, REVIEWER, EXPERT })) tokens[name] = await node.token(caller);
  }, 60_000);

  afterAll(() => node.close());

  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

  async function create(body: object = draft) {
    const response = await node.http().post('/api/v1/submissions').set(as('SUBMITTER')).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; status: string };
  }

  const act = (id: string, action: string, version: number | undefined, who: keyof typeof tokens, body?: object) => {
    const call = node.http().post(`/api/v1/submissions/${id}/${action}`).set(as(who));
    if (version !== undefined) call.set('If-Match', `"${version}"`);
    return body ? call.send(body) : call.send();
  };

  async function published(body: object = draft): Promise<string> {
    const { id } = await create(body);
    expect((await act(id, 'submit', 1, 'SUBMITTER')).status).toBe(200);
    expect((await act(id, 'reviews', 2, 'REVIEWER', { decision: 'approve', comment: 'Evidencia sólida.' })).status).toBe(200);
    expect((await act(id, 'publish', 3, 'REVIEWER')).status).toBe(200);
    return id;
  }

  describe('the lifecycle', () => {
    it('drafts version 1 with an ETag and a Location', async () => {
      const response = await node.http().post('/api/v1/submissions').set(as('SUBMITTER')).send(draft);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ status: 'draft', version: 1, country: 'mx', agency: 'SRE', submittedBy: SUBMITTER.sub, reviews: [] });
      expect(response.headers['etag']).toBe('"1"');
      const { id } = response.body as { id: string };
      expect(response.headers['location']).toBe(`/api/v1/submissions/${id}`);
      const read = await node.http().get(`/api/v1/submissions/${id}`).set(as('SUBMITTER'));
      expect(read.headers['etag']).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('goes draft → submitted → changes-requested → submitted → published → withdrawn, each a new version', async () => {
      const { id } = await create();
      const patched = await node
        .http()
        .patch(`/api/v1/submissions/${id}`)
        .set(as('SUBMITTER'))
        .set('If-Match', '"1"')
        .send({ title: { es: draft.title.es, fr: 'Promotrices de santé communautaires' } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ version: 2, status: 'draft', title: { fr: 'Promotrices de santé communautaires' } });
      expect((patched.body as { title: { en?: string } }).title.en).toBeUndefined();

      expect((await act(id, 'submit', 2, 'SUBMITTER')).body).toMatchObject({ status: 'submitted', version: 3 });
      const changes = await act(id, 'reviews', 3, 'REVIEWER', { decision: 'changes-requested', comment: 'Añadan la evaluación.' });
      expect(changes.body).toMatchObject({ status: 'changes-requested', version: 4, reviews: [{ reviewerId: REVIEWER.sub, decision: 'changes-requested' }] });
      const edited = await node
        .http()
        .patch(`/api/v1/submissions/${id}`)
        .set(as('SUBMITTER'))
        .set('If-Match', '"4"')
        .send({ links: ['https://www.gob.mx/salud'] });
      expect(edited.body).toMatchObject({ status: 'changes-requested', version: 5 });
      expect((await act(id, 'submit', 5, 'SUBMITTER')).body).toMatchObject({ status: 'submitted', version: 6 });
      // The approval before the resubmission does not count: this one does.
      expect((await act(id, 'reviews', 6, 'REVIEWER', { decision: 'approve', comment: 'Listo.' })).body).toMatchObject({ status: 'submitted', version: 7 });
      const publication = await act(id, 'publish', 7, 'REVIEWER');
      expect(publication.status).toBe(200);
      expect(publication.headers['etag']).toBe('"8"');
      expect(publication.body).toMatchObject({ status: 'published', version: 8, publishedAt: expect.any(String) as unknown });
      const withdrawal = await act(id, 'withdraw', 8, 'SUBMITTER', { reason: 'Sustituida por una versión evaluada.' });
      expect(withdrawal.body).toMatchObject({ status: 'withdrawn', version: 9 });
    });

    it('rejects a submission on a reject decision, for good', async () => {
      const { id } = await create();
      await act(id, 'submit', 1, 'SUBMITTER');
      expect((await act(id, 'reviews', 2, 'REVIEWER', { decision: 'reject', comment: 'Fuera del alcance.' })).body).toMatchObject({
        status: 'rejected',
        version: 3,
      });
      const again = await act(id, 'submit', 3, 'SUBMITTER');
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 409, currentStatus: 'rejected' });
    });
  });

  describe('illegal transitions answer 409 with the current status', () => {
    it.each([
      ['publish', 'draft', 'REVIEWER'],
      ['reviews', 'draft', 'REVIEWER'],
      ['withdraw', 'draft', 'SUBMITTER'],
    ] as const)('%s from %s', async (action, status, who) => {
      const { id } = await create();
      const response = await act(id, action, 1, who, action === 'reviews' ? { decision: 'approve', comment: 'ok' } : undefined);
      expect(response.status).toBe(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ currentStatus: status, detail: expect.stringContaining(status) as unknown });
    });

    it('publish without an approval, submit twice, edit after submitting', async () => {
      const { id } = await create();
      await act(id, 'submit', 1, 'SUBMITTER');
      expect((await act(id, 'publish', 2, 'REVIEWER')).body).toMatchObject({
        status: 409,
        currentStatus: 'submitted',
        detail: expect.stringContaining('approval') as unknown,
      });
      expect((await act(id, 'submit', 2, 'SUBMITTER')).body).toMatchObject({ status: 409, currentStatus: 'submitted' });
      const edit = await node.http().patch(`/api/v1/submissions/${id}`).set(as('SUBMITTER')).set('If-Match', '"2"').send({ kind: 'policy' });
      expect(edit.body).toMatchObject({ status: 409, currentStatus: 'submitted' });
    });

    it('withdraw twice', async () => {
      const id = await published();
      expect((await act(id, 'withdraw', 4, 'SUBMITTER')).status).toBe(200);
      expect((await act(id, 'withdraw', 5, 'SUBMITTER')).body).toMatchObject({ status: 409, currentStatus: 'withdrawn' });
    });
  });

  describe('preconditions', () => {
    it('428 without If-Match, 412 with a stale one; nothing changes', async () => {
      const { id } = await create();
      const missing = await act(id, 'submit', undefined, 'SUBMITTER');
      expect(missing.status).toBe(428);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      const missingPatch = await node.http().patch(`/api/v1/submissions/${id}`).set(as('SUBMITTER')).send({ kind: 'policy' });
      expect(missingPatch.status).toBe(428);
      await act(id, 'submit', 1, 'SUBMITTER');
      const stale = await node.http().patch(`/api/v1/submissions/${id}`).set(as('SUBMITTER')).set('If-Match', '"1"').send({ kind: 'policy' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ currentETag: '"2"' });
      expect((await node.http().get(`/api/v1/submissions/${id}`).set(as('SUBMITTER'))).body).toMatchObject({ version: 2, kind: 'practice' });
    });

    it('lets exactly one of two concurrent changes of the same version win', async () => {
      const { id } = await create();
      const outcomes = await Promise.all([
        node.http().patch(`/api/v1/submissions/${id}`).set(as('SUBMITTER')).set('If-Match', '"1"').send({ kind: 'policy' }),
        node.http().patch(`/api/v1/submissions/${id}`).set(as('SUBMITTER')).set('If-Match', '"1"').send({ kind: 'dataset' }),
      ]);
      expect(outcomes.map((response) => response.status).sort()).toEqual([200, 412]);
      const winner = outcomes.find((response) => response.status === 200)!;
      expect((await node.http().get(`/api/v1/submissions/${id}`).set(as('SUBMITTER'))).body).toMatchObject({
        version: 2,
        kind: (winner.body as { kind: string }).kind,
      });
    });
  });

  describe('roles', () => {
    it('403 for another agency editing, a submitter publishing, an author reviewing, an unassigned expert reviewing', async () => {
      const { id } = await create();
      expect((await node.http().patch(`/api/v1/submissions/${id}`).set(as('OTHER_AGENCY')).set('If-Match', '"1"').send({ kind: 'policy' })).status).toBe(404);
      await act(id, 'submit', 1, 'SUBMITTER');
      expect((await act(id, 'publish', 2, 'SUBMITTER')).status).toBe(403);
      expect((await act(id, 'reviews', 2, 'EXPERT', { decision: 'approve', comment: 'ok' })).status).toBe(404);
      const selfReview = await node.token({ roles: ['submitter', 'reviewer'], agency: 'SRE', sub: SUBMITTER.sub });
      const own = await node
        .http()
        .post(`/api/v1/submissions/${id}/reviews`)
        .set('Authorization', `Bearer ${selfReview}`)
        .set('If-Match', '"2"')
        .send({ decision: 'approve', comment: 'ok' });
      expect(own.status).toBe(403);
      expect((own.body as Problem).detail).toContain('author');
    });

    it('hides drafts from other agencies, but shows published ones without reviews or accounts', async () => {
      const { id } = await create();
      expect((await node.http().get(`/api/v1/submissions/${id}`).set(as('OTHER_AGENCY'))).status).toBe(404);
      const publishedId = await published();
      const seen = await node.http().get(`/api/v1/submissions/${publishedId}`).set(as('OTHER_AGENCY'));
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ status: 'published', agency: 'SRE' });
      expect(seen.body).not.toHaveProperty('reviews');
      expect(seen.body).not.toHaveProperty('submittedBy');
    });
  });

  describe('bad input: 400 problem+json, nothing stored', () => {
    it.each([
      ['an unknown field', { ...draft, owner: 'x' }, 'property owner should not exist'],
      ['a wrong type', { ...draft, actionAreas: 'health-equity' }, 'actionAreas'],
      ['no original language', { ...draft, originalLanguage: undefined }, 'originalLanguage'],
      ['a title missing its original language', { ...draft, title: { en: 'Only English' } }, 'original language'],
      ['a bad SDG target', { ...draft, sdgTargets: ['10.2', '18.1'] }, 'SDG target'],
      ['a non-http link', { ...draft, links: ['javascript:alert(1)'] }, 'http'],
    ])('%s', async (_what, body, detail) => {
      const recorded = await node.recordedEventCount();
      const response = await node
        .http()
        .post('/api/v1/submissions')
        .set(as('SUBMITTER'))
        .send({ ...body, summary: { es: 'Solicitud inválida número 7301' } });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((response.body as Problem).detail).toContain(detail);
      expect(await node.recordedEventCount()).toBe(recorded);
      expect(((await node.http().get('/api/v1/submissions').query({ q: '7301' }).set(as('REVIEWER'))).body as SubmissionPage).items).toEqual([]);
    });

    it('refuses a patch whose result is invalid, and keeps the draft as it was', async () => {
      const { id } = await create();
      const response = await node.http().patch(`/api/v1/submissions/${id}`).set(as('SUBMITTER')).set('If-Match', '"1"').send({ originalLanguage: 'fr' });
      expect(response.status).toBe(400);
      expect((response.body as Problem).detail).toContain('original language');
      expect((await node.http().get(`/api/v1/submissions/${id}`).set(as('SUBMITTER'))).body).toMatchObject({ version: 1, originalLanguage: 'es' });
    });
  });

  describe('search and listing', () => {
    it('finds a Spanish title by a Spanish word, accents or not, and filters', async () => {
      const { id } = await create({
        ...draft,
        title: { es: `Educación intercultural bilingüe en Chiapas ${RUN}` },
        actionAreas: ['education'],
        sdgTargets: ['4.5'],
      });
      // Lists read the catalog, which follows the private topic: the draft shows there shortly after it is recorded.
      const byWord = await eventually('the draft in the listing', async () => {
        const page = await node
          .http()
          .get('/api/v1/submissions')
          .query({ q: `educacion bilingue ${RUN}` })
          .set(as('SUBMITTER'));
        const body = page.body as SubmissionPage;
        return body.items.length > 0 ? body : undefined;
      });
      expect(byWord.items.map((item) => item.id)).toEqual([id]);
      const byPrefix = await node
        .http()
        .get('/api/v1/submissions')
        .query({ q: `Intercult ${RUN}`, actionArea: 'education', sdgTarget: '4.5', status: 'draft', kind: 'practice', country: 'mx' })
        .set(as('SUBMITTER'));
      expect((byPrefix.body as SubmissionPage).items.map((item) => item.id)).toEqual([id]);
      const none = await node
        .http()
        .get('/api/v1/submissions')
        .query({ q: `bilingue ${RUN}`, actionArea: 'justice-system' })
        .set(as('SUBMITTER'));
      expect((none.body as SubmissionPage).items).toEqual([]);
    });

    it('pages newest first with a stable cursor', async () => {
      const created: string[] = [];
      for (let i = 0; i < 5; i += 1) created.push((await create({ ...draft, title: { es: `Paginación ${RUN} ${i}` } })).id);
      await eventually('the five drafts in the listing', async () => {
        const page = await node
          .http()
          .get('/api/v1/submissions')
          .query({ q: `paginacion ${RUN}`, limit: 5 })
          .set(as('SUBMITTER'));
        return (page.body as SubmissionPage).items.length === 5 ? true : undefined;
      });
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await node
          .http()
          .get('/api/v1/submissions')
          .query({ q: `paginacion ${RUN}`, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(as('SUBMITTER'));
        expect(page.status).toBe(200);
        const body = page.body as SubmissionPage;
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...created].reverse());
    });

    it('400 for a bad filter, a limit over 100, or a foreign cursor', async () => {
      for (const query of [{ status: 'lost' }, { limit: 101 }, { cursor: 'abc' }, { sdgTarget: '10' }]) {
        const response = await node.http().get('/api/v1/submissions').query(query).set(as('SUBMITTER'));
        expect(response.status).toBe(400);
      }
    });
  });

  describe('sharing with the partners', () => {
    let shared: TopicMessage[];
    let trilateralId: string;
    let nationalId: string;

    beforeAll(async () => {
      trilateralId = await published();
      nationalId = await published({ ...draft, sharing: 'national', title: { es: 'Solo para México' } });
      await node.published();
      shared = await node.read(sharedTopic('mx', 'submissions'));
    }, 60_000);

    it('publishes a trilateral submission on the shared topic, signed by mx, without private fields', async () => {
      const message = shared.find((m) => m.key === trilateralId && m.decoded);
      expect(message?.decoded?.event).toMatchObject({
        type: EVENT_TYPES.submissionPublished,
        source: 'urn:naperj:mx:submissions',
        dataclassification: 'confidential',
      });
      expect(sharedEventRejection(message!.decoded!, 'mx', await loadLocalTrustStore(node.secretsDir, ['mx']))).toBeUndefined();
      const data = message!.decoded!.event.data as Record<string, unknown>;
      expect(data).toMatchObject({ id: trilateralId, country: 'mx', version: 4, sharing: 'trilateral' });
      for (const field of ['reviews', 'submittedBy', 'internalNotes', 'status', 'submittedAt']) expect(data).not.toHaveProperty(field);
    });

    it('never puts a national submission on the shared topic, only on the private one', async () => {
      expect(shared.filter((m) => m.key === nationalId)).toEqual([]);
      const own = await node.read(privateEventsTopic('mx', 'submissions'));
      expect(own.filter((m) => m.key === nationalId).map((m) => m.decoded?.event.type)).toContain(EVENT_TYPES.submissionPublished);
    });

    it('follows a withdrawal with a tombstone on the shared topic', async () => {
      await act(trilateralId, 'withdraw', 4, 'SUBMITTER', { reason: 'Actualizada.' });
      await node.published();
      const after = (await node.read(sharedTopic('mx', 'submissions'))).filter((m) => m.key === trilateralId);
      expect(after.map((m) => (m.value === null ? null : m.decoded?.event.type))).toEqual([
        EVENT_TYPES.submissionPublished,
        EVENT_TYPES.submissionWithdrawn,
        null,
      ]);
      expect(after[1]!.decoded!.event.data).toEqual({ id: trilateralId, country: 'mx', version: 5, reason: 'Actualizada.' });
    });
  });

  describe('the federated catalog', () => {
    it("lists a partner's published submission, marked with its country, and drops it on withdrawal", async () => {
      const peer = peerSubmission('us', 'Representative jury pools in Cook County');
      await node.producePeerEvent('us', EVENT_TYPES.submissionPublished, peer);
      const listed = await eventually('the us submission in the listing', async () => {
        const page = await node.http().get('/api/v1/submissions').query({ q: 'jury pools', country: 'us' }).set(as('OTHER_AGENCY'));
        return (page.body as SubmissionPage).items.find((item) => item.id === peer.id);
      });
      expect(listed).toMatchObject({ country: 'us', status: 'published', title: { en: 'Representative jury pools in Cook County' } });
      expect((await node.http().get(`/api/v1/submissions/${peer.id}`).set(as('OTHER_AGENCY'))).body).toMatchObject({ id: peer.id, country: 'us' });

      await node.producePeerEvent('us', EVENT_TYPES.submissionWithdrawn, { id: peer.id, country: 'us', version: peer.version + 1 });
      await eventually('the withdrawal to remove it', async () => {
        const response = await node.http().get(`/api/v1/submissions/${peer.id}`).set(as('OTHER_AGENCY'));
        return response.status === 404 ? true : undefined;
      });
      const page = await node.http().get('/api/v1/submissions').query({ q: 'jury pools' }).set(as('OTHER_AGENCY'));
      expect((page.body as SubmissionPage).items.map((item) => item.id)).not.toContain(peer.id);
    });
  });

  describe("partners' identities bound to their origin", () => {
    /** The listing of a word only this run's entries carry. */
    const listing = async (word: string) =>
      ((await node.http().get('/api/v1/submissions').query({ q: word }).set(as('SUBMITTER'))).body as SubmissionPage).items as {
        id: string;
        country: string;
        version: number;
        status: string;
      }[];

    it("never lets a us-signed event carrying an mx submission's id overwrite or hide mx's own entry", async () => {
      const word = `identidad${RUN}`;
      const id = await published({ ...draft, title: { es: `Registro ${word} de promotoras` } });
      await eventually('the own entry', async () => ((await listing(word)).some((item) => item.id === id && item.version === 4) ? true : undefined));
      const huge = Number.MAX_SAFE_INTEGER;

      // us claims mx's submission: mx's id, country "mx", a huge version, signed by us.
      const claim = await node.producePeerEvent('us', EVENT_TYPES.submissionPublished, { ...peerSubmission('us', `Forged ${word}`, huge), id, country: 'mx' });
      const deadLetter = await eventually('the claim in the dead-letter topic', () => node.deadLetter(claim));
      expect(deadLetter[DEAD_LETTER_HEADERS.reasonKind]).toBe('untrusted');
      expect(deadLetter[DEAD_LETTER_HEADERS.reason]).toMatch(/data\.country "mx" is not us/);

      // us re-uses mx's id for an entity of its own: a us entry beside mx's, never in its place.
      await node.producePeerEvent('us', EVENT_TYPES.submissionPublished, { ...peerSubmission('us', `Copied ${word}`, huge), id });
      const both = await eventually('the us entry beside the own one', async () => {
        const items = (await listing(word)).filter((item) => item.id === id);
        return items.some((item) => item.country === 'us') ? items : undefined;
      });
      expect(both.map(({ country, version, status }) => ({ country, version, status })).sort((a, b) => a.country.localeCompare(b.country))).toEqual([
        { country: 'mx', version: 4, status: 'published' },
        { country: 'us', version: huge, status: 'published' },
      ]);
      const own = await node.http().get(`/api/v1/submissions/${id}`).set(as('SUBMITTER'));
      expect(own.body).toMatchObject({ id, country: 'mx', version: 4 });

      // mx's own changes still reach its entry.
      expect((await act(id, 'withdraw', 4, 'SUBMITTER', { reason: 'Actualizada.' })).status).toBe(200);
      await eventually('the withdrawal in the own entry', async () =>
        (await listing(word)).some((item) => item.id === id && item.country === 'mx' && item.status === 'withdrawn') ? true : undefined,
      );
    }, 60_000);

    it("applies ca's event after us re-used its ce_id", async () => {
      const word = `reutilizado${RUN}`;
      const ceId = uuidv7();
      const fromUs = peerSubmission('us', `First ${word}`);
      await node.producePeerEvent('us', EVENT_TYPES.submissionPublished, fromUs, ceId);
      await eventually('the us submission', async () => ((await listing(word)).some((item) => item.id === fromUs.id) ? true : undefined));

      const fromCa = peerSubmission('ca', `Genuine ${word}`);
      await node.producePeerEvent('ca', EVENT_TYPES.submissionPublished, fromCa, ceId);
      const listed = await eventually('the ca submission', async () => (await listing(word)).find((item) => item.id === fromCa.id));
      expect(listed).toMatchObject({ country: 'ca', version: fromCa.version });
    }, 60_000);
  });

  describe('review assignments', () => {
    it('shows assigned reviewers and lets an assigned expert review', async () => {
      const { id } = await create();
      await act(id, 'submit', 1, 'SUBMITTER');
      const reason: ReviewerMatchReason = { rule: 'fewest-open-reviews', actionAreas: ['health-equity'], languages: ['es'], openReviews: 0 };
      // A partner's expert is advisory: no account of this node, so it reviews nothing here.
      const reviewers: AssignedReviewer[] = [
        { expertId: '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d', country: 'mx', userId: EXPERT.sub, reason },
        { expertId: '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0e', country: 'us', reason: { ...reason, rule: 'partner-country' } },
      ];
      await node.produceAssignment(id, 2, reviewers);
      const withReviewers = await eventually('the assignment', async () => {
        const response = await node.http().get(`/api/v1/submissions/${id}`).set(as('SUBMITTER'));
        const body = response.body as { assignedReviewers?: unknown[] };
        return body.assignedReviewers ? body : undefined;
      });
      expect(withReviewers.assignedReviewers).toEqual(reviewers);
      const review = await act(id, 'reviews', 2, 'EXPERT', { decision: 'approve', comment: 'Práctica replicable.' });
      expect(review.status).toBe(200);
      expect((review.body as { reviews: unknown[] }).reviews).toEqual([expect.objectContaining({ reviewerId: EXPERT.sub, decision: 'approve' })]);
    });
  });
});
