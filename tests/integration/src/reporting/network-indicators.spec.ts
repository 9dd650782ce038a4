import {
  ACTION_AREA_LABELS,
  type ActionArea,
  type CountryCode,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES as T,
  type EventData,
  type EventType,
  type ExchangeData,
  type ExchangeResponseData,
  type ExpertData,
  type InsightCell,
  type InsightData,
  languageName,
  type SharedExchangeData,
  type SharedExchangeResponseData,
  type SharedExpertData,
} from '@naperj/contracts';
import type { InsightIndicatorRow } from '@naperj/reporting/insight-indicators/insight-indicators';
import type { ErasureIndicatorRow, ReceiptRecord, WithdrawalRecord } from '@naperj/reporting/network-indicators/erasure-indicators';
import type { ExpertIndicators } from '@naperj/reporting/network-indicators/expert-indicators';
import { type ExchangeIndicatorRow, exchangeRows, type ExchangeRecord, type FirstAnswerRecord } from '@naperj/reporting/network-indicators/exchange-indicators';
import { erasureRows } from '@naperj/reporting/network-indicators/erasure-indicators';
import { type ExpertKey, expertCounts } from '@naperj/reporting/network-indicators/expert-counts';
import { NetworkIndicatorGenerations } from '@naperj/reporting/network-indicators/network-indicator-generations.service';
import { CountedStates } from '@naperj/reporting/read-models/counted-states';
import { LiveReadModels } from '@naperj/reporting/read-models/live-read-models';
import { ReadModelRegistry } from '@naperj/reporting/read-models/read-model.registry';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { REPO_ROOT } from '../engines/engines-cli';
import { spawnTypeScript } from '../processes/typescript-process';
import { eventually, NODE, PEER, ReportingTestNode, type Sent } from './reporting-test-node';
import { EXCLUSIVE_TOPICS_WAIT_MS } from '../engines/exclusive-topics';

const HOUR = 3_600_000;

/** Every indicator of the expert network and of the community insights, as the API gives them. */
interface Indicators {
  experts: ExpertIndicators;
  exchanges: ExchangeIndicatorRow[];
  erasures: ErasureIndicatorRow[];
  insights: InsightIndicatorRow[];
}

/** The raw records the medians are computed from, which earlier runs' events (still on the topics) fill too. */
interface Records {
  exchanges: ExchangeRecord[];
  firstAnswers: FirstAnswerRecord[];
  withdrawals: WithdrawalRecord[];
  receipts: ReceiptRecord[];
}

const expertExample = EVENT_DATA_EXAMPLES[T.expertRegistered];
const requestExample = EVENT_DATA_EXAMPLES[T.exchangeRequested];
const closedExample = EVENT_DATA_EXAMPLES[T.exchangeClosed];
const responseExample = EVENT_DATA_EXAMPLES[T.exchangeResponded];
const insightExample = EVENT_DATA_EXAMPLES[T.insightPublished].private;

describe('expert network and community insight indicators (node us on the real Kafka and FerretDB)', () => {
  const node = new ReportingTestNode();
  let token: string;
  let before: Indicators;
  let recordsBefore: Records;

  const get = async <T>(path: string): Promise<T> => {
    const response = await node.http().get(path).set('Authorization', `Bearer ${token}`);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body as T;
  };
  const indicators = async (): Promise<Indicators> => {
    const [experts, exchanges, erasures, insights] = await Promise.all([
      get<ExpertIndicators & { nextCursor: null }>('/api/v1/indicators/experts'),
      get<{ items: ExchangeIndicatorRow[] }>('/api/v1/indicators/exchanges'),
      get<{ items: ErasureIndicatorRow[] }>('/api/v1/indicators/erasures'),
      get<{ items: InsightIndicatorRow[] }>('/api/v1/indicators/insights'),
    ]);
    expect(experts.nextCursor).toBeNull();
    return { experts: { items: experts.items, countries: experts.countries }, exchanges: exchanges.items, erasures: erasures.items, insights: insights.items };
  };
  const records = async (): Promise<Records> => {
    const store = node.app.get(NetworkIndicatorGenerations).of(await node.app.get(ReadModelRegistry).activeGeneration());
    const [exchanges, firstAnswers, withdrawals, receipts] = await Promise.all([
      store.exchangeRecords(),
      store.firstAnswerRecords(),
      store.withdrawalRecords(),
      store.receiptRecords(),
    ]);
    return { exchanges, firstAnswers, withdrawals, receipts };
  };

  // Experts: an own one updated, an own one withdrawn; a partner's updated then overtaken by an old copy, a partner's withdrawn.
  const [ownUpdated, ownWithdrawn, ownUnconfirmed, peerUpdated, peerWithdrawn] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()] as const;
  // Exchanges: an own one answered from both countries, an own one closed unanswered, a partner's answered by this node then closed.
  const [ownAnswered, ownClosed, peerExchange] = [uuidv7(), uuidv7(), uuidv7()] as const;
  const [ownInsight, peerInsight] = [uuidv7(), uuidv7()] as const;
  const t0 = Date.now() - 6 * HOUR;
  const at = (ms: number) => new Date(t0 + ms).toISOString();

  const ownExpert = (id: string, version: number, actionAreas: ActionArea[], languages: string[]): ExpertData => ({
    ...expertExample.private,
    id,
    country: NODE,
    version,
    actionAreas,
    languages,
  });
  const peerExpert = (id: string, version: number, actionAreas: ActionArea[], languages: string[]): SharedExpertData => ({
    ...expertExample.shared,
    id,
    country: PEER,
    version,
    actionAreas,
    languages,
  });
  const request = <D extends SharedExchangeData>(example: D, id: string, country: CountryCode, closed: boolean): D => ({
    ...example,
    id,
    country,
    version: closed ? 2 : 1,
    createdAt: at(0),
    dueAt: at(48 * HOUR),
    ...(closed ? { closedAt: at(5 * HOUR) } : {}),
  });
  const ownRequest = (id: string, closed = false): ExchangeData => request(closed ? closedExample.private : requestExample.private, id, NODE, closed);
  const ownSharedRequest = (id: string, closed = false): SharedExchangeData => request(closed ? closedExample.shared : requestExample.shared, id, NODE, closed);
  const sharedResponse = ({ respondedBy: _respondedBy, ...shared }: ExchangeResponseData): SharedExchangeResponseData => shared;
  /** An own event as the services record it: on their private topic, and its shareable view on the node's shared topic. */
  const recorded = (type: EventType, data: EventData, shared: EventData): Sent[] => [node.ownEvent(type, data), node.sharedEvent(NODE, type, shared)];
  const peerRequest = (id: string, closed = false): SharedExchangeData => request(closed ? closedExample.shared : requestExample.shared, id, PEER, closed);
  const ownResponse = (exchangeId: string, exchangeCountry: CountryCode, createdAt: string): ExchangeResponseData => ({
    ...responseExample.private,
    id: uuidv7(),
    country: NODE,
    version: 1,
    exchangeId,
    exchangeCountry,
    createdAt,
  });
  const peerResponse = (exchangeId: string, exchangeCountry: CountryCode, createdAt: string): SharedExchangeResponseData => ({
    ...responseExample.shared,
    id: uuidv7(),
    country: PEER,
    version: 1,
    exchangeId,
    exchangeCountry,
    createdAt,
  });
  const cell = (theme: string, actionArea: ActionArea, count: number | null): InsightCell => ({ theme, actionArea, count, suppressed: count === null });
  const insight = (id: string, country: CountryCode, version: number, actionAreas: ActionArea[], cells: InsightCell[]): InsightData => ({
    ...insightExample,
    id,
    country,
    version,
    actionAreas,
    actionAreaCounts: actionAreas.map((actionArea) => ({ actionArea, count: null, suppressed: true })),
    cells,
    total: { count: null, suppressed: true },
  });

  const responses = {
    ownToOwn: ownResponse(ownAnswered, NODE, at(2 * HOUR)),
    peerToOwn: peerResponse(ownAnswered, NODE, at(1 * HOUR)),
    ownToPeer: ownResponse(peerExchange, PEER, at(HOUR / 2)),
  };

  let events: Sent[];
  /** Insights sent by a transactional producer, once sent. */
  const transactional: { country: CountryCode; actionArea: ActionArea; published: number }[] = [];
  const eventsOfTheTest = (): Sent[] => [
    node.ownEvent(T.expertRegistered, ownExpert(ownUpdated, 1, ['education'], ['es-MX', 'nah'])),
    node.ownEvent(T.expertUpdated, ownExpert(ownUpdated, 2, ['education', 'health-equity'], ['en', 'nah', 'es'])),
    node.ownEvent(T.expertRegistered, ownExpert(ownWithdrawn, 1, ['education'], ['en'])),
    node.ownEvent(T.expertWithdrawn, { id: ownWithdrawn, country: NODE, version: 2 }),
    node.sharedEvent(PEER, T.expertRegistered, peerExpert(peerUpdated, 1, ['education'], ['fr', 'cr'])),
    node.sharedEvent(PEER, T.expertUpdated, peerExpert(peerUpdated, 3, ['education'], ['fr-CA', 'oj'])),
    node.sharedEvent(PEER, T.expertUpdated, peerExpert(peerUpdated, 2, ['justice-system'], ['mix'])),
    node.sharedEvent(PEER, T.expertRegistered, peerExpert(peerWithdrawn, 1, ['education'], ['fr'])),
    // The partner withdraws its profile; this node erases its copy and says so 12 s later.
    node.sharedEvent(PEER, T.expertWithdrawn, { id: peerWithdrawn, country: PEER, version: 2 }, at(0)),
    node.sharedEvent(NODE, T.expertErased, { id: peerWithdrawn, country: PEER, version: 2 }, at(12_000)),
    // The node's withdrawals of two shared profiles; the partner confirms one, 30 s later.
    node.sharedEvent(NODE, T.expertWithdrawn, { id: ownWithdrawn, country: NODE, version: 2 }, at(0)),
    node.sharedEvent(NODE, T.expertWithdrawn, { id: ownUnconfirmed, country: NODE, version: 4 }, at(0)),
    node.sharedEvent(PEER, T.expertErased, { id: ownWithdrawn, country: NODE, version: 2 }, at(30_000)),

    ...recorded(T.exchangeRequested, ownRequest(ownAnswered), ownSharedRequest(ownAnswered)),
    ...recorded(T.exchangeResponded, responses.ownToOwn, sharedResponse(responses.ownToOwn)),
    node.sharedEvent(PEER, T.exchangeResponded, responses.peerToOwn),
    ...recorded(T.exchangeRequested, ownRequest(ownClosed), ownSharedRequest(ownClosed)),
    ...recorded(T.exchangeClosed, ownRequest(ownClosed, true), ownSharedRequest(ownClosed, true)),
    node.sharedEvent(PEER, T.exchangeRequested, peerRequest(peerExchange)),
    ...recorded(T.exchangeResponded, responses.ownToPeer, sharedResponse(responses.ownToPeer)),
    node.sharedEvent(PEER, T.exchangeClosed, peerRequest(peerExchange, true)),
    node.sharedEvent(PEER, T.exchangeRequested, peerRequest(peerExchange)),

    ...[
      insight(ownInsight, NODE, 1, ['education'], [cell('access', 'education', 7), cell('cost', 'education', null)]),
      insight(ownInsight, NODE, 2, ['education', 'health-equity'], [cell('access', 'education', 9), cell('access', 'health-equity', null)]),
    ].flatMap((data) => recorded(T.insightPublished, data, data)),
    node.sharedEvent(
      PEER,
      T.insightPublished,
      insight(
        peerInsight,
        PEER,
        1,
        ['justice-system'],
        [cell('access', 'justice-system', 5), cell('cost', 'justice-system', null), cell('trust', 'justice-system', null)],
      ),
    ),
  ];

  /** What the indicators must say once the events above are applied, exactly. */
  const expected = (): Indicators => {
    const want: Indicators = structuredClone(before);
    const expert = (country: CountryCode, actionArea: ActionArea | 'all', languages: string[]) => {
      const row =
        actionArea === 'all'
          ? want.experts.countries.find((each) => each.country === country)!
          : want.experts.items.find((each) => each.country === country && each.actionArea === actionArea)!;
      row.experts += 1;
      for (const language of languages) {
        const held = row.byLanguage.find((each) => each.language === language);
        if (held) held.count += 1;
        else row.byLanguage.push({ language, count: 1 });
      }
      row.byLanguage.sort((a, b) => b.count - a.count || a.language.localeCompare(b.language));
    };
    for (const area of ['all', 'education', 'health-equity'] as const) expert(NODE, area, ['en', 'es', 'nah']);
    for (const area of ['all', 'education'] as const) expert(PEER, area, ['fr', 'oj']);

    const mine: Records = {
      exchanges: [ownRequest(ownAnswered), ownRequest(ownClosed, true)]
        .map(({ id, version, status, createdAt }) => ({ _id: `${NODE}:${id}`, country: NODE, version, status, createdAt }))
        .concat([{ _id: `${PEER}:${peerExchange}`, country: PEER, version: 2, status: 'closed', createdAt: at(0) }]),
      firstAnswers: Object.values(responses).map(({ exchangeCountry, exchangeId, createdAt }) => ({
        exchange: `${exchangeCountry}:${exchangeId}`,
        answeredAt: createdAt,
      })),
      withdrawals: [
        { origin: PEER, profile: `${PEER}:${peerWithdrawn}`, version: 2, at: at(0) },
        { origin: NODE, profile: `${NODE}:${ownWithdrawn}`, version: 2, at: at(0) },
        { origin: NODE, profile: `${NODE}:${ownUnconfirmed}`, version: 4, at: at(0) },
      ],
      receipts: [
        { eraser: NODE, origin: PEER, profile: `${PEER}:${peerWithdrawn}`, version: 2, at: at(12_000) },
        { eraser: PEER, origin: NODE, profile: `${NODE}:${ownWithdrawn}`, version: 2, at: at(30_000) },
      ],
    };
    const countries = [NODE, PEER];
    want.exchanges = exchangeRows([...recordsBefore.exchanges, ...mine.exchanges], [...recordsBefore.firstAnswers, ...mine.firstAnswers], countries);
    want.erasures = erasureRows([...recordsBefore.withdrawals, ...mine.withdrawals], [...recordsBefore.receipts, ...mine.receipts], countries);

    const insightRow = (country: CountryCode, actionArea: ActionArea, published: number, suppressed: number) => {
      const row = want.insights.find((each) => each.country === country && each.actionArea === actionArea)!;
      row.insights += 1;
      row.publishedCells += published;
      row.suppressedCells += suppressed;
    };
    insightRow(NODE, 'education', 1, 0);
    insightRow(NODE, 'health-equity', 0, 1);
    insightRow(PEER, 'justice-system', 1, 2);
    for (const { country, actionArea, published } of transactional) insightRow(country, actionArea, published, 0);
    return want;
  };

  beforeAll(async () => {
    await node.start();
    events = eventsOfTheTest();
    token = await node.token(['submitter']);
    // The topics keep earlier runs' events, which a new database reads too: counts are checked from here.
    await node.readModelsCaughtUp();
    before = await indicators();
    recordsBefore = await records();
  }, EXCLUSIVE_TOPICS_WAIT_MS + 90_000);

  afterAll(() => node.close());

  it('counts current experts by country, action area and language, exchanges, erasure receipts and insights', async () => {
    await node.send(...events);
    await node.readModelsCaughtUp();
    const want = expected();
    const got = await indicators();
    expect(got).toEqual(want);
    // What this run's events decide alone, whatever earlier runs left.
    const [now, held] = [got, before].map(({ exchanges }) => exchanges.find(({ country }) => country === NODE)!);
    expect({
      total: now!.total - held!.total,
      open: now!.open - held!.open,
      closed: now!.closed - held!.closed,
      answered: now!.answered - held!.answered,
    }).toEqual({
      total: 2,
      open: 1,
      closed: 1,
      answered: 1,
    });
    const [usErasures, usErasuresBefore] = [got, before].map(({ erasures }) => erasures.find(({ country }) => country === NODE)!);
    expect(usErasures!.withdrawals - usErasuresBefore!.withdrawals).toBe(2);
    expect(usErasures!.partners[0]!.receipts - usErasuresBefore!.partners[0]!.receipts).toBe(1);
    expect(usErasures!.partners[0]!.pending - usErasuresBefore!.partners[0]!.pending).toBe(1);
  });

  it('takes, for the time to first answer, the earliest answer, whichever country and partition carried it', async () => {
    const held = (await records()).firstAnswers.filter(({ exchange }) => exchange === `${NODE}:${ownAnswered}`);
    const [row] = exchangeRows([{ _id: `${NODE}:${ownAnswered}`, country: NODE, version: 1, status: 'open', createdAt: at(0) }], held, [NODE]);
    // The partner answered after one hour, the node's own expert after two.
    expect(row!.medianSecondsToFirstAnswer).toBe(3600);
  });

  it('stays exact when every event is delivered twice more', async () => {
    await node.send(...events, ...events);
    await node.readModelsCaughtUp();
    expect(await indicators()).toEqual(expected());
  });

  it('stays exact when the ledger has forgotten every event, as after crashes between effects and ledger entries', async () => {
    const { groupId } = node.app.get(LiveReadModels).writing()!;
    const { deletedCount } = await node.connection().collection('consumed_events').deleteMany({ groupId });
    // Exchanges and insights are counted from the shared topics alone: their private copies have no handler, hence no ledger entry.
    const handled = events.filter(({ topic, message }) => topic.includes('.shared.') || String(message.headers?.['ce_type']).startsWith('org.naperj.expert.'));
    expect(deletedCount).toBeGreaterThanOrEqual(handled.length);
    await node.send(...events);
    await node.readModelsCaughtUp();
    expect(await indicators()).toEqual(expected());
  });

  it('catches up on topics a transactional producer wrote, as the outbox relays do, whose commit markers no consumer is handed', async () => {
    const id = uuidv7();
    await node.sendInTransaction(node.sharedEvent(NODE, T.insightPublished, insight(id, NODE, 1, ['ballot-access'], [cell('access', 'ballot-access', 6)])));
    await node.readModelsCaughtUp();
    const row = (await indicators()).insights.find(({ country, actionArea }) => country === NODE && actionArea === 'ballot-access')!;
    const held = before.insights.find(({ country, actionArea }) => country === NODE && actionArea === 'ballot-access')!;
    expect(row).toEqual({ ...held, insights: held.insights + 1, publishedCells: held.publishedCells + 1 });
    transactional.push({ country: NODE, actionArea: 'ballot-access', published: 1 });
  });

  it('never counts twice a change whose state was lost before it was saved', async () => {
    const states = `reporting_gcrashtest_${uuidv7().slice(-8)}_states`;
    const store = new CountedStates<ExpertKey>(node.connection(), states, `${states}_counters`, ['country', 'actionArea', 'measure', 'value']);
    const position = { topic: 'us.expert-network.events.v1', partition: 1, offset: '11' };
    const counts = () => expertCounts(NODE, { actionAreas: ['other'], languages: ['nah'] });
    expect(await store.record(`${NODE}:x`, 1, counts, position)).toBe('applied');
    // The process stopped after the counters moved and before the state was saved.
    await node
      .connection()
      .collection(states)
      .deleteOne({ _id: `${NODE}:x` } as never);
    expect(await store.record(`${NODE}:x`, 1, counts, position)).toBe('applied');
    expect(await store.record(`${NODE}:x`, 1, counts, { ...position, offset: '12' })).toBe('stale');
    expect(await store.totals({ actionArea: 'other' })).toEqual(
      expect.arrayContaining([
        { country: NODE, actionArea: 'other', measure: 'experts', value: '', count: 1 },
        { country: NODE, actionArea: 'other', measure: 'language', value: 'nah', count: 1 },
      ]),
    );
    // Withdrawn: it counts for nothing, and an older version arriving later changes nothing.
    expect(await store.record(`${NODE}:x`, 2, () => [], { ...position, offset: '13' })).toBe('applied');
    expect(await store.record(`${NODE}:x`, 1, counts, { ...position, offset: '14' })).toBe('stale');
    expect((await store.totals({ actionArea: 'other' })).map(({ count }) => count)).toEqual([0, 0]);
  });

  it('narrows each indicator to a country (and an action area), and refuses unknown values with problem+json', async () => {
    const want = expected();
    const experts = await get<ExpertIndicators>(`/api/v1/indicators/experts?country=${PEER}&actionArea=education`);
    expect(experts.items).toEqual(want.experts.items.filter(({ country, actionArea }) => country === PEER && actionArea === 'education'));
    expect(experts.countries).toEqual(want.experts.countries.filter(({ country }) => country === PEER));
    expect((await get<{ items: unknown[] }>(`/api/v1/indicators/exchanges?country=${PEER}`)).items).toEqual(
      want.exchanges.filter(({ country }) => country === PEER),
    );
    expect((await get<{ items: unknown[] }>(`/api/v1/indicators/erasures?country=${NODE}`)).items).toEqual(
      want.erasures.filter(({ country }) => country === NODE),
    );
    expect((await get<{ items: unknown[] }>(`/api/v1/indicators/insights?country=${NODE}&actionArea=education`)).items).toEqual(
      want.insights.filter(({ country, actionArea }) => country === NODE && actionArea === 'education'),
    );
    for (const path of ['experts?actionArea=space', 'exchanges?country=br', 'erasures?country=br', 'insights?country=br', 'exchanges?actionArea=education']) {
      const refused = await node.http().get(`/api/v1/indicators/${path}`).set('Authorization', `Bearer ${token}`);
      expect({ path, status: refused.status, type: refused.headers['content-type'] }).toEqual({
        path,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/) as unknown,
      });
    }
    expect((await node.http().get('/api/v1/indicators/experts')).status).toBe(401);
  });

  it('puts every section in the summary JSON, with action areas and languages named in the language asked for', async () => {
    const want = expected();
    for (const language of ['en', 'es', 'fr'] as const) {
      const report = await get<Record<string, unknown>>(`/api/v1/reports/summary.json?lang=${language}`);
      const named = (byLanguage: { language: string; count: number }[]) =>
        byLanguage.map((each) => ({ ...each, languageLabel: languageName(each.language, language) }));
      expect(report).toMatchObject({
        node: NODE,
        language,
        experts: {
          rows: want.experts.items.map((row) => ({ ...row, actionAreaLabel: ACTION_AREA_LABELS[row.actionArea][language], byLanguage: named(row.byLanguage) })),
          countries: want.experts.countries.map((row) => ({ ...row, byLanguage: named(row.byLanguage) })),
        },
        exchanges: want.exchanges,
        erasures: want.erasures,
        insights: want.insights.map((row) => ({ ...row, actionAreaLabel: ACTION_AREA_LABELS[row.actionArea][language] })),
      });
    }
    const spanish = await get<{ experts: { rows: { country: string; actionArea: string; byLanguage: { language: string; languageLabel: string }[] }[] } }>(
      '/api/v1/reports/summary.json?lang=es',
    );
    const education = spanish.experts.rows.find(({ country, actionArea }) => country === NODE && actionArea === 'education')!;
    expect(education.byLanguage.find(({ language }) => language === 'nah')?.languageLabel).toBe('náhuatl');
  });

  it('appends each section to the summary CSV as a table of its own, in each language', async () => {
    const want = expected();
    for (const language of ['en', 'es', 'fr'] as const) {
      const response = await node.http().get(`/api/v1/reports/summary.csv?lang=${language}`).set('Authorization', `Bearer ${token}`).buffer(true);
      expect(response.status).toBe(200);
      const tables = response.text.replace(/^\uFEFF/, '').split('\r\n\r\n');
      expect(tables.map((table) => table.split('\r\n')[0])).toEqual([
        expect.stringMatching(/^country,action_area,action_area_label,status_draft,/),
        'section,country,action_area,action_area_label,language,language_label,experts',
        'section,country,total,open,closed,answered,median_seconds_to_first_answer',
        'section,country,partner,withdrawals,receipts,pending,median_seconds_to_receipt',
        'section,country,action_area,action_area_label,insights,published_cells,suppressed_cells',
      ]);
      const lines = tables.flatMap((table) => table.split('\r\n'));
      const label = ACTION_AREA_LABELS.education[language];
      const education = want.experts.items.find(({ country, actionArea }) => country === NODE && actionArea === 'education')!;
      const nahuatl = education.byLanguage.find(({ language: code }) => code === 'nah')!;
      expect(lines).toContain(['experts', NODE, 'education', label, 'nah', languageName('nah', language), nahuatl.count].join(','));
      const exchanges = want.exchanges.find(({ country }) => country === NODE)!;
      expect(lines).toContain(
        ['exchanges', NODE, exchanges.total, exchanges.open, exchanges.closed, exchanges.answered, exchanges.medianSecondsToFirstAnswer ?? ''].join(','),
      );
      const erasures = want.erasures.find(({ country }) => country === NODE)!;
      const partner = erasures.partners.find(({ country }) => country === PEER)!;
      expect(lines).toContain(
        ['erasures', NODE, PEER, erasures.withdrawals, partner.receipts, partner.pending, partner.medianSecondsToReceipt ?? ''].join(','),
      );
      const insights = want.insights.find(({ country, actionArea }) => country === PEER && actionArea === 'justice-system')!;
      expect(lines).toContain(
        [
          'insights',
          PEER,
          'justice-system',
          ACTION_AREA_LABELS['justice-system'][language],
          insights.insights,
          insights.publishedCells,
          insights.suppressedCells,
        ].join(','),
      );
    }
  });

  it('rebuilds them from Kafka into a new generation equal to the live one', async () => {
    const expectedNow = await indicators();
    const rebuild = spawnTypeScript(join(REPO_ROOT, 'services/reporting/src/read-models/rebuild.main.ts'), { ...node.env, NODE_COUNTRY: '' }, [
      '--country',
      NODE,
      '--timeout',
      '90',
    ]);
    let output = '';
    rebuild.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    rebuild.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => rebuild.once('exit', resolve));
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringMatching(/Generation g[0-9a-z]+ is active/) as unknown });
    expect(await indicators()).toEqual(expectedNow);
    const active = (await node.app.get(ReadModelRegistry).pointer())!.generation;
    await eventually('the live consumer to switch', () => (node.app.get(LiveReadModels).writing()?.generation === active ? true : undefined));
  }, 150_000);
});
