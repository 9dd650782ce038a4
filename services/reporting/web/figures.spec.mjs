// @ts-check
import {
  expertsByArea,
  expertsByLanguage,
  insightCellsByCountry,
  insightsByArea,
  kindsByArea,
  OUTBOX_HISTORY_LENGTH,
  partnerTimings,
  publishedByCountry,
  sdgTargetsByArea,
  statusesByArea,
  withOutboxSample,
} from './figures.mjs';

/** @typedef {import('./api-client.mjs').IndicatorRow} IndicatorRow */

const KINDS = ['practice', 'policy'];
const STATUSES = ['draft', 'published'];
const AREAS = ['health-equity', 'education'];

/**
 * @param {string} country
 * @param {string} actionArea
 * @param {{ status?: Record<string, number> | null, kinds?: Record<string, number>, targets?: [string, number][] }} counts
 * @returns {IndicatorRow}
 */
const row = (country, actionArea, { status = null, kinds = {}, targets = [] }) => ({
  country,
  actionArea,
  submissionsByStatus: status,
  published: {
    total: Object.values(kinds).reduce((sum, count) => sum + count, 0),
    byKind: { practice: 0, policy: 0, ...kinds },
    bySdgTarget: targets.map(([sdgTarget, count]) => ({ sdgTarget, count })),
  },
});

const ROWS = [
  row('mx', 'health-equity', {
    status: { draft: 2, published: 1 },
    kinds: { practice: 1 },
    targets: [
      ['10.2', 1],
      ['3.8', 1],
    ],
  }),
  row('mx', 'education', {
    status: { draft: 0, published: 3 },
    kinds: { practice: 1, policy: 2 },
    targets: [
      ['16.b', 1],
      ['16.10', 2],
      ['4.5', 3],
    ],
  }),
  row('ca', 'health-equity', { kinds: { policy: 4 } }),
  row('ca', 'education', { kinds: {} }),
];

describe('the figures the charts and tables show', () => {
  it('gives published submissions per country and action area, the node first', () => {
    expect(publishedByCountry(ROWS, ['mx', 'ca', 'us'], AREAS)).toEqual({
      categories: AREAS,
      series: [
        { key: 'mx', values: [1, 3] },
        { key: 'ca', values: [4, 0] },
        // A partner the node has heard nothing from yet shows zeros, not a gap.
        { key: 'us', values: [0, 0] },
      ],
    });
  });

  it("gives the node's own submissions by status and a country's published ones by kind", () => {
    expect(statusesByArea(ROWS, 'mx', STATUSES, AREAS).series).toEqual([
      { key: 'draft', values: [2, 0] },
      { key: 'published', values: [1, 3] },
    ]);
    expect(kindsByArea(ROWS, 'ca', KINDS, AREAS).series).toEqual([
      { key: 'practice', values: [0, 0] },
      { key: 'policy', values: [4, 0] },
    ]);
  });

  it('orders SDG targets as the UN does, one series per action area that names any', () => {
    expect(sdgTargetsByArea(ROWS, 'mx', AREAS)).toEqual({
      categories: ['3.8', '4.5', '10.2', '16.10', '16.b'],
      series: [
        { key: 'health-equity', values: [1, 0, 1, 0, 0] },
        { key: 'education', values: [0, 3, 0, 2, 1] },
      ],
    });
    expect(sdgTargetsByArea(ROWS, 'ca', AREAS)).toEqual({ categories: [], series: [] });
  });

  it("ages each partner's heartbeat by the time since the status came, and keeps an unknown latency unknown", () => {
    /** @type {import('./api-client.mjs').FederationStatus} */
    const status = {
      node: 'mx',
      generatedAt: '2026-11-29T10:00:00.000Z',
      thresholds: { greenBelowSeconds: 30, amberBelowSeconds: 120 },
      latencyWindow: { seconds: 300 },
      countedSince: null,
      outbox: { pending: 0, oldestPendingAgeSeconds: 0 },
      peers: [
        {
          country: 'us',
          health: 'green',
          lastHeartbeat: { sentAt: '', receivedAt: '', ageSeconds: 4 },
          replicationLatency: { medianSeconds: 0.4, samples: 9 },
          eventsReceived: {},
          signatureFailures: 0,
          deadLetters: { total: 0 },
        },
        {
          country: 'ca',
          health: 'red',
          lastHeartbeat: null,
          replicationLatency: { medianSeconds: null, samples: 0 },
          eventsReceived: {},
          signatureFailures: 0,
          deadLetters: { total: 0 },
        },
      ],
    };
    expect(partnerTimings(status, 2.5)).toEqual({
      categories: ['us', 'ca'],
      series: [
        { key: 'heartbeatAge', values: [6.5, null] },
        { key: 'latency', values: [0.4, null] },
      ],
    });
  });

  it('keeps the latest outbox samples only', () => {
    let history = /** @type {{ at: string, pending: number }[]} */ ([]);
    for (let i = 0; i < OUTBOX_HISTORY_LENGTH + 5; i += 1) history = withOutboxSample(history, { at: `t${i}`, pending: i });
    expect(history).toHaveLength(OUTBOX_HISTORY_LENGTH);
    expect(history[0]).toEqual({ at: 't5', pending: 5 });
    expect(history.at(-1)).toEqual({ at: `t${OUTBOX_HISTORY_LENGTH + 4}`, pending: OUTBOX_HISTORY_LENGTH + 4 });
  });
});

describe('the expert network and community insight figures', () => {
  it('shows experts per action area with one series per country, zeros included', () => {
    const rows = [
      { country: 'mx', actionArea: 'education', experts: 3, byLanguage: [] },
      { country: 'ca', actionArea: 'health-equity', experts: 1, byLanguage: [] },
    ];
    expect(expertsByArea(rows, ['mx', 'ca'], AREAS)).toEqual({
      categories: AREAS,
      series: [
        { key: 'mx', values: [0, 3] },
        { key: 'ca', values: [1, 0] },
      ],
    });
  });

  it('orders languages by how many experts across the federation work in them, Indigenous ones included', () => {
    const totals = [
      {
        country: 'mx',
        experts: 4,
        byLanguage: [
          { language: 'es', count: 4 },
          { language: 'nah', count: 2 },
        ],
      },
      {
        country: 'ca',
        experts: 3,
        byLanguage: [
          { language: 'fr', count: 3 },
          { language: 'oj', count: 2 },
          { language: 'es', count: 1 },
        ],
      },
    ];
    expect(expertsByLanguage(totals, ['mx', 'us', 'ca'])).toEqual({
      categories: ['es', 'fr', 'nah', 'oj'],
      series: [
        { key: 'mx', values: [4, 0, 2, 0] },
        { key: 'us', values: [0, 0, 0, 0] },
        { key: 'ca', values: [1, 3, 0, 2] },
      ],
    });
  });

  it('shows insights per action area, and each country’s published and suppressed cells', () => {
    const rows = [
      { country: 'mx', actionArea: 'health-equity', insights: 1, publishedCells: 2, suppressedCells: 1 },
      { country: 'mx', actionArea: 'education', insights: 1, publishedCells: 1, suppressedCells: 3 },
      { country: 'us', actionArea: 'education', insights: 2, publishedCells: 4, suppressedCells: 0 },
    ];
    expect(insightsByArea(rows, ['mx', 'us'], AREAS)).toEqual({
      categories: AREAS,
      series: [
        { key: 'mx', values: [1, 1] },
        { key: 'us', values: [0, 2] },
      ],
    });
    expect(insightCellsByCountry(rows, ['mx', 'us', 'ca'])).toEqual({
      categories: ['mx', 'us', 'ca'],
      series: [
        { key: 'publishedCells', values: [3, 4, 0] },
        { key: 'suppressedCells', values: [4, 0, 0] },
      ],
    });
  });
});
