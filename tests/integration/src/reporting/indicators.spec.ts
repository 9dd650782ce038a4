import {
  ACTION_AREA_LABELS,
  type ActionArea,
  type CountryCode,
  DEAD_LETTER_HEADERS,
  dlqTopic,
  EVENT_TYPES as T,
  type SubmissionKind,
  type SubmissionStatus,
} from '@naperj/contracts';
import { type IndicatorRow, compareSdgTargets } from '@naperj/reporting/indicators/indicator-rows';
import { IndicatorRepository } from '@naperj/reporting/indicators/indicator.repository';
import { ownSubmissionCounts } from '@naperj/reporting/indicators/submission-counts';
import { LiveReadModels } from '@naperj/reporting/read-models/live-read-models';
import { ReadModelRegistry } from '@naperj/reporting/read-models/read-model.registry';
import { readHeaders } from '@naperj/messaging';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { REPO_ROOT } from '../engines/engines-cli';
import { spawnTypeScript } from '../processes/typescript-process';
import { eventually, NODE, ownSubmission, PEER, peerSubmission, ReportingTestNode, type Sent } from './reporting-test-node';
import { EXCLUSIVE_TOPICS_WAIT_MS } from '../engines/exclusive-topics';

type Change = { country: CountryCode; actionArea: ActionArea } & ({ status: SubmissionStatus } | { kind: SubmissionKind } | { sdgTarget: string });

/** The rows `before` plus one count for each change: what the indicators must say, exactly. */
function plus(before: readonly IndicatorRow[], changes: readonly Change[]): IndicatorRow[] {
  const rows: IndicatorRow[] = structuredClone([...before]);
  for (const change of changes) {
    const row = rows.find(({ country, actionArea }) => country === change.country && actionArea === change.actionArea)!;
    if ('status' in change) row.submissionsByStatus![change.status] += 1;
    if ('kind' in change) {
      row.published.byKind[change.kind] += 1;
      row.published.total += 1;
    }
    if ('sdgTarget' in change) {
      const target = row.published.bySdgTarget.find(({ sdgTarget }) => sdgTarget === change.sdgTarget);
      if (target) target.count += 1;
      else
        row.published.bySdgTarget = [...row.published.bySdgTarget, { sdgTarget: change.sdgTarget, count: 1 }].sort((a, b) =>
          compareSdgTargets(a.sdgTarget, b.sdgTarget),
        );
    }
  }
  return rows;
}

describe('reporting indicators (node us on the real Kafka and FerretDB)', () => {
  const node = new ReportingTestNode();
  let token: string;
  let before: IndicatorRow[];

  const indicators = async (query = ''): Promise<IndicatorRow[]> => {
    const response = await node.http().get(`/api/v1/indicators${query}`).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const body = response.body as { items: IndicatorRow[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    return body.items;
  };

  // Every status of the lifecycle, a withdrawal, two action areas; a partner's update, withdrawal and late old copy.
  const [published, changesRequested, withdrawn, draft, peerKept, peerWithdrawn, peerUpdated] = [
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
    uuidv7(),
  ] as const;
  const education = { actionAreas: ['education'] as ActionArea[] };
  let events: Sent[];
  const eventsOfTheTest = (): Sent[] => [
    node.own(T.submissionDrafted, ownSubmission(published, 1, 'draft', { ...education, kind: 'practice', sdgTargets: ['4.5', '10.2'] })),
    node.own(T.submissionUpdated, ownSubmission(published, 2, 'draft', { ...education, kind: 'practice', sdgTargets: ['4.5', '10.2'] })),
    node.own(T.submissionSubmitted, ownSubmission(published, 3, 'submitted', { ...education, kind: 'practice', sdgTargets: ['4.5', '10.2'] })),
    node.own(T.submissionReviewed, ownSubmission(published, 4, 'submitted', { ...education, kind: 'practice', sdgTargets: ['4.5', '10.2'] })),
    node.own(T.submissionPublished, ownSubmission(published, 5, 'published', { ...education, kind: 'practice', sdgTargets: ['4.5', '10.2'] })),
    node.own(T.submissionDrafted, ownSubmission(changesRequested, 1, 'draft', education)),
    node.own(T.submissionSubmitted, ownSubmission(changesRequested, 2, 'submitted', education)),
    node.own(T.submissionChangesRequested, ownSubmission(changesRequested, 3, 'changes-requested', education)),
    node.own(T.submissionDrafted, ownSubmission(withdrawn, 1, 'draft', { ...education, kind: 'policy', sdgTargets: ['16.3'] })),
    node.own(T.submissionSubmitted, ownSubmission(withdrawn, 2, 'submitted', { ...education, kind: 'policy', sdgTargets: ['16.3'] })),
    node.own(T.submissionPublished, ownSubmission(withdrawn, 3, 'published', { ...education, kind: 'policy', sdgTargets: ['16.3'] })),
    node.own(T.submissionWithdrawn, { id: withdrawn, country: NODE, version: 4, reason: 'Reemplazada.' }),
    node.own(T.submissionDrafted, ownSubmission(draft, 1, 'draft', { actionAreas: ['education', 'health-equity'] })),
    node.peer(T.submissionPublished, peerSubmission(peerKept, 5, { ...education, kind: 'policy', sdgTargets: ['10.2'] })),
    node.peer(T.submissionPublished, peerSubmission(peerKept, 3, { ...education, kind: 'dataset', sdgTargets: ['1.1'] })),
    node.peer(T.submissionPublished, peerSubmission(peerWithdrawn, 3, { ...education, kind: 'strategy' })),
    node.peer(T.submissionWithdrawn, { id: peerWithdrawn, country: PEER, version: 4 }),
    node.peer(T.submissionPublished, peerSubmission(peerUpdated, 2, { ...education, kind: 'practice', sdgTargets: ['4.5'] })),
    node.peer(T.submissionPublished, peerSubmission(peerUpdated, 4, { ...education, kind: 'dataset', sdgTargets: ['16.3'] })),
  ];
  const changes: Change[] = [
    { country: NODE, actionArea: 'education', status: 'published' },
    { country: NODE, actionArea: 'education', kind: 'practice' },
    { country: NODE, actionArea: 'education', sdgTarget: '4.5' },
    { country: NODE, actionArea: 'education', sdgTarget: '10.2' },
    { country: NODE, actionArea: 'education', status: 'changes-requested' },
    { country: NODE, actionArea: 'education', status: 'withdrawn' },
    { country: NODE, actionArea: 'education', status: 'draft' },
    { country: NODE, actionArea: 'health-equity', status: 'draft' },
    { country: PEER, actionArea: 'education', kind: 'policy' },
    { country: PEER, actionArea: 'education', sdgTarget: '10.2' },
    { country: PEER, actionArea: 'education', kind: 'dataset' },
    { country: PEER, actionArea: 'education', sdgTarget: '16.3' },
  ];

  beforeAll(async () => {
    await node.start();
    events = eventsOfTheTest();
    token = await node.token(['submitter']);
    // The topics keep earlier runs' events, which a new database reads too: counts are checked from here.
    await node.readModelsCaughtUp();
    before = await indicators();
  }, EXCLUSIVE_TOPICS_WAIT_MS + 90_000);

  afterAll(() => node.close());

  it('counts each submission once, where it stands now: transitions move counts, withdrawals and older copies do not add', async () => {
    await node.send(...events);
    await node.readModelsCaughtUp();
    expect(await indicators()).toEqual(plus(before, changes));
  });

  it('stays exact when every event is delivered twice more', async () => {
    await node.send(...events, ...events);
    await node.readModelsCaughtUp();
    expect(await indicators()).toEqual(plus(before, changes));
  });

  it('needs no consumed-event ledger: it writes no entry for a submission event, and stays exact on versions and offsets alone', async () => {
    const { groupId } = node.app.get(LiveReadModels).writing()!;
    const eventIds = events.map(({ message }) => readHeaders(message.headers)['ce_id']);
    expect(eventIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(
      await node
        .connection()
        .collection('consumed_events')
        .countDocuments({ groupId, eventId: { $in: eventIds } }),
    ).toBe(0);
    await node.send(...events);
    await node.readModelsCaughtUp();
    expect(await indicators()).toEqual(plus(before, changes));
  });

  it('narrows to a country and an action area, and refuses unknown values with problem+json', async () => {
    const all = plus(before, changes);
    expect(await indicators(`?country=${PEER}&actionArea=education`)).toEqual(
      all.filter(({ country, actionArea }) => country === PEER && actionArea === 'education'),
    );
    const refused = await node.http().get('/api/v1/indicators?country=br&actionArea=space').set('Authorization', `Bearer ${token}`);
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((refused.body as { errors: { pointer: string }[] }).errors.map(({ pointer }) => pointer).sort()).toEqual(['/actionArea', '/country']);
    expect((await node.http().get('/api/v1/indicators')).status).toBe(401);
  });

  it('serves the summary as CSV a spreadsheet opens with its accents: BOM, UTF-8, RFC 4180, an attachment', async () => {
    const response = await node
      .http()
      .get('/api/v1/reports/summary.csv?lang=es')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?naperj-us-summary-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from([0x45, 0x64, 0x75, 0x63, 0x61, 0x63, 0x69, 0xc3, 0xb3, 0x6e]))).toBe(true); // "Educación" in UTF-8
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^country,action_area,action_area_label,status_draft,/);
    const education = plus(before, changes).find(({ country, actionArea }) => country === NODE && actionArea === 'education')!;
    const sdg = education.published.bySdgTarget.map(({ sdgTarget, count }) => `${sdgTarget}: ${count}`).join('; ');
    expect(lines).toContain(
      [
        NODE,
        'education',
        'Educación',
        ...Object.values(education.submissionsByStatus!),
        education.published.total,
        ...Object.values(education.published.byKind),
        sdg,
      ].join(','),
    );
    expect(lines.at(-1)).toBe('');
  });

  it('serves the summary as JSON with the action areas named in the language asked for', async () => {
    const response = await node.http().get('/api/v1/reports/summary.json?lang=fr').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ node: NODE, language: 'fr', generatedAt: expect.any(String) as unknown });
    expect((response.body as { rows: unknown[] }).rows).toEqual(
      plus(before, changes).map((row) => ({ ...row, actionAreaLabel: ACTION_AREA_LABELS[row.actionArea].fr })),
    );
    expect((await node.http().get('/api/v1/reports/summary.json?lang=pt').set('Authorization', `Bearer ${token}`)).status).toBe(400);
  });

  it('never counts twice a change whose state was lost before it was saved', async () => {
    const store = new IndicatorRepository(node.connection(), 'gcrashtest');
    const position = { topic: 'us.submissions.events.v1', partition: 0, offset: '7' };
    const id = uuidv7();
    const next = () => ({ actionAreas: ['other'] as ActionArea[], counts: ownSubmissionCounts({ country: NODE, actionAreas: ['other'], status: 'draft' }) });
    await store.record(NODE, id, 1, next, position);
    // The process stopped after the counters moved and before the state was saved.
    await node
      .connection()
      .collection(IndicatorRepository.collectionsOf('gcrashtest')[0]!)
      .deleteOne({ _id: `${NODE}:${id}` } as never);
    expect(await store.record(NODE, id, 1, next, position)).toBe('applied');
    expect(await store.record(NODE, id, 1, next, { ...position, offset: '9' })).toBe('stale');
    expect(await store.totals({ actionArea: 'other' })).toEqual([{ country: NODE, actionArea: 'other', measure: 'status', value: 'draft', count: 1 }]);
  });

  it("never lets a partner's events about a us submission's id alter us's indicators", async () => {
    const id = uuidv7();
    await node.send(node.own(T.submissionPublished, ownSubmission(id, 5, 'published', { actionAreas: ['justice-system'], kind: 'practice', sdgTargets: [] })));
    await node.readModelsCaughtUp();
    const held = await indicators();
    const huge = Number.MAX_SAFE_INTEGER;
    const justice = { actionAreas: ['justice-system'] as ActionArea[], kind: 'dataset' as SubmissionKind, sdgTargets: [] };

    // ca claims the us submission (its id, country "us", a huge version), signed by ca; then re-uses its id for an entity of its own.
    const [claim] = await node.send(
      node.peer(T.submissionPublished, peerSubmission(id, huge, { ...justice, country: NODE })),
      node.peer(T.submissionPublished, peerSubmission(id, huge, justice)),
    );
    await node.readModelsCaughtUp();

    expect(await indicators()).toEqual(plus(held, [{ country: PEER, actionArea: 'justice-system', kind: 'dataset' }]));
    const deadLetters = await node.headersOf(dlqTopic(NODE, 'reporting'));
    const refused = deadLetters.find(
      (headers) => headers[DEAD_LETTER_HEADERS.sourceOffset] === claim!.offset && headers[DEAD_LETTER_HEADERS.sourceTopic] === claim!.topic,
    );
    expect(refused?.[DEAD_LETTER_HEADERS.reasonKind]).toBe('untrusted');
  });

  it('rebuilds from Kafka into a new generation equal to the live one, and the live consumer takes it over', async () => {
    const registry = node.app.get(ReadModelRegistry);
    const live = await registry.activeGeneration();
    const expected = await indicators();

    const rebuild = spawnTypeScript(join(REPO_ROOT, 'services/reporting/src/read-models/rebuild.main.ts'), { ...node.env, NODE_COUNTRY: '' }, [
      '--country',
      NODE,
      '--timeout',
      '60',
    ]);
    let output = '';
    rebuild.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    rebuild.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => rebuild.once('exit', resolve));
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringMatching(/Generation g[0-9a-z]+ is active \(it replaces g[0-9a-z]+/) as unknown });

    const pointer = await registry.pointer();
    expect(pointer).toMatchObject({ previous: live });
    expect(pointer!.generation).not.toBe(live);
    expect(await indicators()).toEqual(expected);
    await eventually('the live consumer to switch', () => (node.app.get(LiveReadModels).writing()?.generation === pointer!.generation ? true : undefined));

    // The group the rebuild left is the live one now: a new event lands in the new generation.
    await node.send(node.own(T.submissionDrafted, ownSubmission(uuidv7(), 1, 'draft', { actionAreas: ['ballot-access'] })));
    await node.readModelsCaughtUp();
    expect(await indicators(`?country=${NODE}&actionArea=ballot-access`)).toEqual(
      plus(
        expected.filter(({ country, actionArea }) => country === NODE && actionArea === 'ballot-access'),
        [{ country: NODE, actionArea: 'ballot-access', status: 'draft' }],
      ),
    );
  }, 120_000);
});
