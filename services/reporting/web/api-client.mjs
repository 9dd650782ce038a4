// @ts-check
/**
 * The reporting API as the dashboard calls it: same origin, the operator's bearer token,
 * and every failure sorted into what the page tells the operator.
 */

/** @typedef {'unauthorized' | 'forbidden' | 'network' | 'server'} ApiFailure */

/**
 * @typedef {object} IndicatorRow
 * @property {string} country
 * @property {string} actionArea
 * @property {Record<string, number> | null} submissionsByStatus null for partners, whose drafts never leave their node
 * @property {{ total: number, byKind: Record<string, number>, bySdgTarget: { sdgTarget: string, count: number }[] }} published
 */

/**
 * @typedef {object} ExpertTotal
 * @property {string} country
 * @property {number} experts
 * @property {{ language: string, count: number }[]} byLanguage
 */

/** @typedef {ExpertTotal & { actionArea: string }} ExpertRow */

/**
 * @typedef {object} ExchangeRow
 * @property {string} country the asking country
 * @property {number} total
 * @property {number} open
 * @property {number} closed
 * @property {number} answered
 * @property {number | null} medianSecondsToFirstAnswer
 */

/**
 * @typedef {object} ErasureRow
 * @property {string} country the origin of the withdrawn profiles
 * @property {number} withdrawals
 * @property {{ country: string, receipts: number, pending: number, medianSecondsToReceipt: number | null }[]} partners
 */

/**
 * @typedef {object} InsightRow
 * @property {string} country
 * @property {string} actionArea
 * @property {number} insights
 * @property {number} publishedCells
 * @property {number} suppressedCells
 */

/**
 * @typedef {object} NetworkIndicators the expert network's and the community insights' indicators
 * @property {{ items: ExpertRow[], countries: ExpertTotal[] }} experts
 * @property {ExchangeRow[]} exchanges
 * @property {ErasureRow[]} erasures
 * @property {InsightRow[]} insights
 */

/**
 * @typedef {object} PeerStatus
 * @property {string} country
 * @property {'green' | 'amber' | 'red'} health
 * @property {{ sentAt: string, receivedAt: string, ageSeconds: number } | null} lastHeartbeat
 * @property {{ medianSeconds: number | null, samples: number }} replicationLatency
 * @property {Record<string, number>} eventsReceived
 * @property {number} signatureFailures
 * @property {{ total: number }} deadLetters
 */

/**
 * @typedef {object} FederationStatus
 * @property {string} node
 * @property {string} generatedAt
 * @property {{ greenBelowSeconds: number, amberBelowSeconds: number }} thresholds
 * @property {{ seconds: number }} latencyWindow
 * @property {string | null} countedSince
 * @property {{ pending: number, oldestPendingAgeSeconds: number }} outbox
 * @property {PeerStatus[]} peers
 */

export class ApiError extends Error {
  /**
   * @param {ApiFailure} failure
   * @param {{ status?: number, requestId?: string }} [details]
   */
  constructor(failure, { status, requestId } = {}) {
    super(status ? `${failure} (${status})` : failure);
    this.name = 'ApiError';
    this.failure = failure;
    this.status = status;
    this.requestId = requestId;
  }
}

/** A call that takes longer has failed as far as the operator is concerned; the next poll tries again. */
const TIMEOUT_MS = 10_000;

/**
 * @param {{ token: () => string | undefined, fetch?: typeof fetch }} options
 */
export function reportingApi({ token, fetch = globalThis.fetch }) {
  /**
   * @param {string} path under /api/v1
   * @returns {Promise<unknown>}
   */
  async function get(path) {
    let response;
    try {
      response = await fetch(`/api/v1${path}`, {
        headers: { authorization: `Bearer ${token() ?? ''}`, accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError('network');
    }
    const details = { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined };
    if (response.status === 401) throw new ApiError('unauthorized', details);
    if (response.status === 403) throw new ApiError('forbidden', details);
    if (!response.ok) throw new ApiError('server', details);
    try {
      return await response.json();
    } catch {
      // A body cut short is a failed transfer, not a server error.
      throw new ApiError('network', details);
    }
  }

  return {
    /** @returns {Promise<IndicatorRow[]>} */
    indicators: async () => /** @type {{ items: IndicatorRow[] }} */ (await get('/indicators')).items,
    /** @returns {Promise<NetworkIndicators>} */
    networkIndicators: async () => {
      const [experts, exchanges, erasures, insights] = await Promise.all([
        get('/indicators/experts'),
        get('/indicators/exchanges'),
        get('/indicators/erasures'),
        get('/indicators/insights'),
      ]);
      const { items, countries } = /** @type {{ items: ExpertRow[], countries: ExpertTotal[] }} */ (experts);
      return {
        experts: { items, countries },
        exchanges: /** @type {{ items: ExchangeRow[] }} */ (exchanges).items,
        erasures: /** @type {{ items: ErasureRow[] }} */ (erasures).items,
        insights: /** @type {{ items: InsightRow[] }} */ (insights).items,
      };
    },
    /** @returns {Promise<FederationStatus>} */
    federationStatus: async () => /** @type {FederationStatus} */ (await get('/federation/status')),
  };
}

/** @typedef {ReturnType<typeof reportingApi>} ReportingApi */
