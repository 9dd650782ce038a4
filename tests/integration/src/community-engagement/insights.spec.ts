import { type ActionArea, EVENT_DATA_EXAMPLES, EVENT_TYPES, type InsightData, K_ANONYMITY, privateEventsTopic, sharedTopic } from '@naperj/contracts';
import { eventSource, EventStore, loadOrCreateEventSigner, toKafkaMessage } from '@naperj/messaging';
import { eventually } from '@naperj/service-kit/testing';
import { Partitioners } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { InsightTalliesRepository } from '@naperj/community-engagement/insights/insight-tallies.repository';
import { suppress } from '@naperj/community-engagement/insights/insight.suppression';
import { tabulate, type TallyProfile } from '@naperj/community-engagement/insights/insight.tally';
import { insightIdOf, insightOf, publishedHistory } from '@naperj/community-engagement/insights/insight.view';
import { CommunityEngagementTestNode, type TopicMessage } from './community-engagement-test-node';

const THEMES = [
  { key: 'language-barriers', label: { es: 'Barreras de idioma', en: 'Language barriers' } },
  { key: 'distance-to-clinic', label: { es: 'Distancia a la clínica' } },
  { key: 'discrimination-in-care', label: { es: 'Discriminación en la atención' } },
];
const AREAS: ActionArea[] = ['health-equity', 'education'];
const INSIGHTS_GROUP = 'mx.community-engagement.insights';
// Words no other test writes: a scan of the shared topic looks for them.
const RUN = `ins${Date.now().toString(36)}`;

// The first run of the insights group reads the private topic from its start.
jest.setTimeout(120_000);

interface Contribution {
  id: string;
  receiptCode: string;
  themes: string[];
  actionAreas: ActionArea[];
}

describe('insights (mx on the real Kafka and FerretDB)', () => {
  const node = new CommunityEngagementTestNode();
  let token: string;
  let consultationId: string;
  const produced: Contribution[] = [];
  const versions: InsightData[] = [];

  beforeAll(async () => {
    await node.start();
    token = await node.token({ roles: ['liaison'], sub: 'liaison-insights' });
    const response = await node
      .http()
      .post('/api/v1/consultations')
      .auth(token, { type: 'bearer' })
      .send({
        title: { es: `Acceso a la salud ${RUN}`, en: 'Access to health' },
        originalLanguage: 'es',
        actionAreas: AREAS,
        themes: THEMES,
      })
      .expect(201);
    consultationId = (response.body as { id: string }).id;
  }, 60_000);

  afterAll(() => node.close(), 30_000);

  /** A public contribution with testimony, contact and demographics, none of which may leave the node. */
  async function contribute(themes: string[], actionAreas: ActionArea[], shareAnonymized = true): Promise<Contribution> {
    const response = await node
      .http()
      .post(`/api/v1/public/consultations/${consultationId}/contributions`)
      .send({
        text: `Nadie en la clínica habla amuzgo ${RUN}`,
        language: 'amu',
        themes,
        actionAreas,
        demographics: { ageBand: '30-44', gender: 'non-binary', identityGroups: ['black-afro-descendant'] },
        contact: { email: `${RUN}@example.org`, phone: '+52 741 555 0101' },
        consent: { store: true, shareAnonymized, wordingVersion: '2026-09' },
      })
      .expect(201);
    const contribution = { ...(response.body as { id: string; receiptCode: string }), themes, actionAreas };
    produced.push(contribution);
    return contribution;
  }

  /** Until the insights group has applied (and committed to the ledger) this contribution event. */
  async function applied(contribution: Contribution, type: string = EVENT_TYPES.contributionReceived): Promise<void> {
    await eventually(`${type} of ${contribution.id} applied by the insights`, () =>
      node.connection
        .collection('consumed_events')
        .findOne({ groupId: INSIGHTS_GROUP, subject: contribution.id, type })
        .then((entry) => entry ?? undefined),
    );
  }

  /** The insight's versions as the event store recorded them, oldest first. */
  async function recorded(): Promise<InsightData[]> {
    const events = await node.app.get(EventStore).eventsOf(insightIdOf(consultationId));
    return events.map(({ deliveries }) => deliveries[0]!.data as InsightData);
  }

  /** The exact table of what still counts, suppressed as the node must, given the versions before. */
  function expected(counted: Contribution[], earlier: InsightData[], version: number, computedAt: string, closedAt?: string): InsightData {
    const profiles: TallyProfile[] = counted.map(({ themes, actionAreas }) => ({ themes, actionAreas, count: 1 }));
    const table = suppress(
      tabulate(
        THEMES.map(({ key }) => key),
        AREAS,
        profiles,
      ),
      publishedHistory(earlier),
    );
    const title = { es: `Acceso a la salud ${RUN}`, en: 'Access to health' };
    return insightOf({ id: consultationId, title, originalLanguage: 'es', actionAreas: AREAS, themes: THEMES, ...(closedAt ? { closedAt } : {}) }, table, {
      country: 'mx',
      version,
      computedAt,
    });
  }

  const declined = new Set<string>();
  const withdrawn = new Set<string>();
  const hiddenByModeration = new Set<string>();
  /** The contributions that still count: consented, neither withdrawn nor hidden. */
  const counted = () => produced.filter(({ id }) => !declined.has(id) && !withdrawn.has(id) && !hiddenByModeration.has(id));

  it('publishes nothing before k consenting contributions, then a k-suppressed insight on the shared topic', async () => {
    for (const contribution of [
      await contribute(['language-barriers'], ['health-equity'], false),
      await contribute(['distance-to-clinic'], ['education'], false),
    ]) {
      declined.add(contribution.id);
      await applied(contribution);
    }
    // Three raise two themes, two name two areas: five in all, the fifth makes the first version.
    const first = [
      await contribute(['language-barriers', 'distance-to-clinic'], ['health-equity']),
      await contribute(['language-barriers', 'distance-to-clinic'], ['health-equity']),
      await contribute(['language-barriers', 'distance-to-clinic'], ['health-equity']),
      await contribute(['language-barriers'], ['health-equity', 'education']),
    ];
    for (const contribution of first) await applied(contribution);
    expect(await recorded()).toEqual([]);

    await contribute(['language-barriers'], ['health-equity', 'education']);
    const [insight] = await eventually('the first version', async () => ((await recorded()).length > 0 ? await recorded() : undefined));
    versions.push(insight!);
    expect(insight).toEqual(expected(counted(), [], 1, insight!.computedAt));
    // The 2 of language × education, the 3 of distance and the zeros are suppressed; five show.
    expect(insight!.cells.filter(({ suppressed }) => !suppressed)).toEqual([
      { theme: 'language-barriers', actionArea: 'health-equity', count: 5, suppressed: false },
    ]);
    expect(insight!.themes.map(({ count }) => count)).toEqual([5, null, null]);
    expect(insight!.total).toEqual({ count: K_ANONYMITY, suppressed: false });

    await node.published();
    const shared = (await node.read(sharedTopic('mx', 'insights'))).filter(({ key }) => key === insight!.id);
    expect(shared.map(({ decoded }) => [decoded?.event.type, decoded?.event.dataclassification, decoded?.event.data])).toEqual([
      [EVENT_TYPES.insightPublished, 'confidential', insight],
    ]);
    const own = (await node.read(privateEventsTopic('mx', 'community-engagement'))).filter(({ key }) => key === insight!.id);
    expect(own.map(({ decoded }) => decoded?.event.dataclassification)).toEqual(['internal']);
  });

  it('folds a withdrawal into the next version instead of publishing it alone', async () => {
    const leaving = produced.find(({ id, themes }) => !declined.has(id) && themes.length === 2)!;
    await node.http().delete(`/api/v1/contributions/${leaving.id}`).send({ receiptCode: leaving.receiptCode }).expect(204);
    withdrawn.add(leaving.id);
    await applied(leaving, EVENT_TYPES.contributionErased);
    const stored = await node.connection.collection('insight_contributions').findOne({ _id: leaving.id as never });
    expect(stored).toMatchObject({ state: 'erased' });
    expect(stored).not.toHaveProperty('themes');

    const newcomers = [];
    for (let index = 0; index < K_ANONYMITY - 1; index += 1) newcomers.push(await contribute(['language-barriers'], ['health-equity']));
    for (const contribution of newcomers) await applied(contribution);
    expect(await recorded()).toHaveLength(1);

    await contribute(['language-barriers'], ['health-equity']);
    const second = await eventually('the second version', async () => (await recorded())[1]);
    versions.push(second);
    // Exactly the remaining contributions: the withdrawn one no longer counts.
    expect(second).toEqual(expected(counted(), versions.slice(0, 1), 2, second.computedAt));
    // Five new less one withdrawn: every count that moved moved by 4, so none of them shows.
    expect(second.total).toEqual({ count: null, suppressed: true });
    expect(second.cells.find(({ theme, actionArea }) => theme === 'language-barriers' && actionArea === 'health-equity')).toMatchObject({ suppressed: true });

    const listed = await eventually('listed at version 2', async () => {
      const { items } = (await node.http().get('/api/v1/insights?country=mx&limit=100').auth(token, { type: 'bearer' }).expect(200)).body as {
        items: InsightData[];
      };
      return items.find(({ consultationId: id, version }) => id === consultationId && version === 2);
    });
    expect(listed).toEqual(second);
  });

  it('publishes a final version when the consultation closes, and never two versions within k of each other', async () => {
    await node.http().post(`/api/v1/consultations/${consultationId}/close`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').expect(200);
    const final = await eventually('the final version', async () => (await recorded())[2]);
    versions.push(final);
    expect(final.closedAt).toEqual(expect.any(String));
    expect(final).toEqual(expected(counted(), versions.slice(0, 2), 3, final.computedAt, final.closedAt));

    // Moderation hides one: it stops counting, but publishes nothing by itself either.
    const hidden = counted()[0]!;
    hiddenByModeration.add(hidden.id);
    await node
      .http()
      .post(`/api/v1/contributions/${hidden.id}/hide`)
      .auth(token, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({ reason: 'Names a nurse of the clinic.' })
      .expect(200);
    await applied(hidden, EVENT_TYPES.contributionHidden);
    expect(await node.connection.collection('insight_contributions').findOne({ _id: hidden.id as never })).toMatchObject({ state: 'hidden' });
    expect(await recorded()).toHaveLength(3);

    const published = (insight: InsightData) =>
      new Map<string, number | null>([
        ...insight.cells.map(({ theme, actionArea, count }) => [`${theme}|${actionArea}`, count] as const),
        ...insight.themes.map(({ key, count }) => [key, count] as const),
        ...insight.actionAreaCounts.map(({ actionArea, count }) => [actionArea, count] as const),
        ['total', insight.total.count],
      ]);
    for (const [index, later] of versions.entries()) {
      for (const earlier of versions.slice(0, index)) {
        const before = published(earlier);
        for (const [position, count] of published(later)) {
          const was = before.get(position);
          if (count === null || was === null || was === undefined) continue;
          expect([0, ...Array.from({ length: 100 }, (_, step) => K_ANONYMITY + step)]).toContain(Math.abs(count - was));
        }
      }
    }
  });

  it('counts a contribution event delivered again once, whatever its event id', async () => {
    const again = counted().at(-1);
    const tallies = node.app.get(InsightTalliesRepository);
    const before = await tallies.count(consultationId);
    const [received] = await node.app.get(EventStore).eventsOf(again!.id);
    const ceId = uuidv7();
    const producer = node.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const event = {
      id: ceId,
      source: eventSource('mx', 'community-engagement'),
      type: EVENT_TYPES.contributionReceived,
      time: new Date().toISOString(),
      subject: again!.id,
      dataclassification: 'restricted' as const,
      data: received!.deliveries[0]!.data,
    };
    await producer.send({
      topic: privateEventsTopic('mx', 'community-engagement'),
      acks: -1,
      messages: [toKafkaMessage(event, await loadOrCreateEventSigner(node.secretsDir, 'mx'))],
    });
    await producer.disconnect();
    await eventually('the copy applied', () =>
      node.connection
        .collection('consumed_events')
        .findOne({ groupId: INSIGHTS_GROUP, eventId: ceId })
        .then((entry) => entry ?? undefined),
    );
    expect(await tallies.count(consultationId)).toEqual(before);
    expect(before.arrivals).toEqual({ arrived: produced.length - declined.size, departed: withdrawn.size + hiddenByModeration.size });
    expect(await recorded()).toHaveLength(3);
  });

  it("lists a partner's signed insight, by country and action area, and serves it by its consultation", async () => {
    const partnerConsultation = uuidv7();
    const example = EVENT_DATA_EXAMPLES[EVENT_TYPES.insightPublished].shared;
    const insight: InsightData = { ...example, id: uuidv7(), country: 'ca', version: 3, consultationId: partnerConsultation };
    const signer = await loadOrCreateEventSigner(node.secretsDir, 'ca');
    const producer = node.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const send = (data: InsightData) =>
      producer.send({
        topic: sharedTopic('ca', 'insights'),
        acks: -1,
        messages: [
          toKafkaMessage(
            {
              id: uuidv7(),
              source: eventSource('ca', 'community-engagement'),
              type: EVENT_TYPES.insightPublished,
              time: new Date().toISOString(),
              subject: data.id,
              dataclassification: 'confidential',
              data,
            },
            signer,
          ),
        ],
      });
    await send(insight);
    // An older version arriving later changes nothing.
    await send({ ...insight, version: 2, total: { count: 99, suppressed: false } });
    await producer.disconnect();

    // Any role of the node reads insights.
    const reader = await node.token({ roles: ['submitter'] });
    const listed = await eventually("the partner's insight listed", async () => {
      const { items } = (await node.http().get('/api/v1/insights?country=ca&limit=100').auth(reader, { type: 'bearer' }).expect(200)).body as {
        items: InsightData[];
      };
      return items.find(({ consultationId: id }) => id === partnerConsultation);
    });
    expect(listed).toEqual(insight);
    const one = await node.http().get(`/api/v1/insights/ca/${partnerConsultation}`).auth(reader, { type: 'bearer' }).expect(200);
    expect(one.body).toEqual(insight);
    expect(one.headers['etag']).toBe('"3"');

    const other = (await node.http().get('/api/v1/insights?country=ca&actionArea=justice-system&limit=100').auth(reader, { type: 'bearer' }).expect(200))
      .body as {
      items: InsightData[];
    };
    expect(other.items.map(({ consultationId: id }) => id)).not.toContain(partnerConsultation);
    await node.http().get(`/api/v1/insights/mx/${partnerConsultation}`).auth(reader, { type: 'bearer' }).expect(404);
    await node.http().get('/api/v1/insights?country=xx').auth(reader, { type: 'bearer' }).expect(400);
    await node.http().get('/api/v1/insights?cursor=nope').auth(reader, { type: 'bearer' }).expect(400);
    await node.http().get('/api/v1/insights').expect(401);
  });

  it('pages the listing with nextCursor', async () => {
    const first = (await node.http().get('/api/v1/insights?limit=1').auth(token, { type: 'bearer' }).expect(200)).body as {
      items: InsightData[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (await node.http().get(`/api/v1/insights?limit=1&cursor=${first.nextCursor}`).auth(token, { type: 'bearer' }).expect(200)).body as {
      items: InsightData[];
    };
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.consultationId <= first.items[0]!.consultationId).toBe(true);
    expect(`${second.items[0]!.country}:${second.items[0]!.consultationId}`).not.toBe(`${first.items[0]!.country}:${first.items[0]!.consultationId}`);
  });

  it('shares counts only: the shared topic holds no testimony, contact, demographics or contribution id', async () => {
    await node.published();
    const records: TopicMessage[] = await node.read(sharedTopic('mx', 'insights'));
    const ours = records.filter(({ key }) => key === insightIdOf(consultationId));
    expect(ours).toHaveLength(3);
    const bytes = Buffer.concat(records.flatMap(({ key, value }) => [Buffer.from(key), value ?? Buffer.alloc(0)]));
    const secrets = [
      RUN + '@example.org',
      'amuzgo',
      '741 555 0101',
      'non-binary',
      'black-afro-descendant',
      '30-44',
      ...produced.flatMap(({ id, receiptCode }) => [id, receiptCode]),
    ];
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });
});
