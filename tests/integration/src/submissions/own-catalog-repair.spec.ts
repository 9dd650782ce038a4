import { EventStore } from '@naperj/messaging';
import { eventually } from '@naperj/service-kit/testing';
import { mongo } from 'mongoose';
import { SubmissionsTestNode } from './submissions-test-node';

const SUBMITTER = { roles: ['submitter'], agency: 'SRE', sub: 'ana.lopez@sre' };
// The node's private topic outlives each test's database: a run's own word keeps the search to its own draft.
const RUN = `r${Date.now().toString(36)}`;

interface SubmissionPage {
  items: { id: string; version: number; status: string }[];
}

describe('the own catalog after an ambiguous write (node mx on the real Kafka and FerretDB)', () => {
  const node = new SubmissionsTestNode();
  let token: string;

  beforeAll(async () => {
    await node.start();
    token = await node.token(SUBMITTER);
  }, 60_000);

  afterAll(() => node.close());

  /** The next insert of an event lands, then the driver reports a network timeout: a reply lost on the way back. */
  function loseNextInsertReply(): void {
    const store = node.app.get(EventStore);
    const events = store.connection.collection(store.collection);
    const insertOne = events.insertOne.bind(events);
    events.insertOne = async (...args: Parameters<typeof insertOne>) => {
      events.insertOne = insertOne;
      await insertOne(...args);
      throw new mongo.MongoNetworkTimeoutError('connection timed out after the insert was sent');
    };
  }

  it('catches up with a draft whose insert landed though the request failed, and takes its next change', async () => {
    loseNextInsertReply();
    const created = await node
      .http()
      .post('/api/v1/submissions')
      .set('Authorization', `Bearer ${token}`)
      .send({
        kind: 'practice',
        title: { es: `Huertos escolares ${RUN}` },
        summary: { es: 'Huertos en escuelas rurales.' },
        originalLanguage: 'es',
        actionAreas: ['education'],
        sdgTargets: ['4.7'],
        sharing: 'national',
      });
    expect(created.status).toBeGreaterThanOrEqual(500);

    // The catalog follows the private topic: the recorded draft reaches it once the relay publishes it.
    const listed = await eventually('the draft in the listing', async () => {
      const page = await node
        .http()
        .get('/api/v1/submissions')
        .query({ q: `huertos ${RUN}` })
        .set('Authorization', `Bearer ${token}`);
      return (page.body as SubmissionPage).items[0];
    });
    expect(listed).toMatchObject({ version: 1, status: 'draft' });

    const edited = await node
      .http()
      .patch(`/api/v1/submissions/${listed.id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', '"1"')
      .send({ links: ['https://www.gob.mx/sep'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2 });
    await eventually('the edit in the listing', async () => {
      const page = await node
        .http()
        .get('/api/v1/submissions')
        .query({ q: `huertos ${RUN}` })
        .set('Authorization', `Bearer ${token}`);
      return (page.body as SubmissionPage).items.find(({ version }) => version === 2);
    });
  }, 90_000);
});
