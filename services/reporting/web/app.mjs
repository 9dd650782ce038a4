// @ts-check
/**
 * The operators' dashboard: sign-in, then the federation's health and the node's
 * indicators, kept current by polling the federation status and by the node's event
 * stream, in English, Spanish or French.
 */
import { ApiError, reportingApi } from './api-client.mjs';
import { COLORS, createChart, showView } from './charts.mjs';
import { byId, fillTable, h } from './dom.mjs';
import {
  expertsByArea,
  expertsByLanguage,
  insightCellsByCountry,
  insightsByArea,
  kindsByArea,
  partnerTimings,
  publishedByCountry,
  sdgTargetsByArea,
  statusesByArea,
  withOutboxSample,
} from './figures.mjs';
import { LANGUAGES, pickLanguage, translator } from './i18n.mjs';
import { LiveStream } from './live-stream.mjs';
import { readToken, tokenProblem, TokenStore } from './session.mjs';

/** @typedef {import('./api-client.mjs').IndicatorRow} IndicatorRow */
/** @typedef {import('./api-client.mjs').FederationStatus} FederationStatus */
/** @typedef {import('./api-client.mjs').NetworkIndicators} NetworkIndicators */
/** @typedef {import('./live-stream.mjs').StreamEvent} StreamEvent */
/** @typedef {import('./live-stream.mjs').StreamState} StreamState */
/** @typedef {import('./i18n.mjs').Language} Language */
/** @typedef {import('./i18n.mjs').Translator} Translator */
/** @typedef {import('./i18n.mjs').MessageKey} MessageKey */
/** @typedef {import('./figures.mjs').Figure} Figure */

/**
 * @typedef {object} DashboardContext what /dashboard/context.json says
 * @property {string} node
 * @property {string[]} peers
 * @property {{ code: string, labels: Record<Language, string> }[]} actionAreas
 * @property {string[]} submissionStatuses
 * @property {string[]} submissionKinds
 * @property {Record<string, Record<Language, string>>} languageNames names of the languages ICU lacks, e.g. "nah"
 */

const LANGUAGE_KEY = 'naperj.dashboard.language';
/** Heartbeats come every 10 s: a status every 5 s shows a late one within half a beat. */
const STATUS_EVERY_MS = 5_000;
/** The node's own drafts and reviews never reach the stream, so the indicators are also polled. */
const INDICATORS_EVERY_MS = 30_000;
/**
 * The stream and the indicators' projection read the same topics independently, so an
 * event can reach the page before the projection has counted it: refresh a few times.
 */
const REFRESHES_AFTER_EVENT_MS = [300, 1_500, 5_000];
const ACTIVITY_LENGTH = 20;

/** @type {{ EventSourceParserStream: import('./live-stream.mjs').ParserStreamClass }} */
const { EventSourceParserStream } = await import(new URL('vendor/eventsource-parser/stream.js', import.meta.url).href);

const page = {
  language: byId('language', HTMLSelectElement),
  nodeName: byId('node-name', HTMLElement),
  signOut: byId('sign-out', HTMLButtonElement),
  signIn: byId('sign-in', HTMLElement),
  signInHeading: byId('sign-in-heading', HTMLElement),
  sessionMessage: byId('session-message', HTMLElement),
  form: byId('sign-in-form', HTMLFormElement),
  token: byId('token', HTMLTextAreaElement),
  tokenCommand: byId('token-command', HTMLElement),
  tokenError: byId('token-error', HTMLElement),
  dashboard: byId('dashboard', HTMLElement),
  signedInAs: byId('signed-in-as', HTMLElement),
  liveStatus: byId('live-status', HTMLElement),
  updatedAt: byId('updated-at', HTMLElement),
  problem: byId('problem', HTMLElement),
  healthHeading: byId('health-heading', HTMLElement),
  healthThresholds: byId('health-thresholds', HTMLElement),
  partners: byId('partners-table', HTMLTableElement),
  countedSince: byId('counted-since', HTMLElement),
  outboxSummary: byId('outbox-summary', HTMLElement),
  chartCountry: byId('chart-country', HTMLSelectElement),
  sdgEmpty: byId('sdg-empty', HTMLElement),
  languagesEmpty: byId('languages-empty', HTMLElement),
  exchanges: byId('exchanges-table', HTMLTableElement),
  erasures: byId('erasures-table', HTMLTableElement),
  activity: byId('activity', HTMLOListElement),
  activityEmpty: byId('activity-empty', HTMLElement),
};

/**
 * A chart, its heading and its table, which holds the same figures for screen readers
 * and for anyone who wants the exact numbers.
 * @param {string} name
 * @param {import('./charts.mjs').ChartShape} shape
 */
function figure(name, shape) {
  const root = byId(`figure-${name}`, HTMLElement);
  const canvas = /** @type {HTMLCanvasElement} */ (root.querySelector('canvas'));
  return {
    title: byId(`figure-${name}-title`, HTMLElement),
    canvas,
    table: /** @type {HTMLTableElement} */ (root.querySelector('table')),
    chart: createChart(canvas, shape),
  };
}

const figures = {
  partners: figure('partners', { type: 'bar', horizontal: true, integers: false }),
  outbox: figure('outbox', { type: 'line' }),
  published: figure('published', { type: 'bar', horizontal: true }),
  statuses: figure('statuses', { type: 'bar', horizontal: true, stacked: true }),
  kinds: figure('kinds', { type: 'bar', horizontal: true, stacked: true }),
  sdg: figure('sdg', { type: 'bar', stacked: true }),
  experts: figure('experts', { type: 'bar', horizontal: true }),
  languages: figure('languages', { type: 'bar', horizontal: true }),
  insights: figure('insights', { type: 'bar', horizontal: true }),
  cells: figure('cells', { type: 'bar', stacked: true }),
};

const language = pickLanguage(localStorage.getItem(LANGUAGE_KEY), navigator.languages);
const boot = byId('boot', HTMLElement);
/** @type {NetworkIndicators} */
const NO_NETWORK_INDICATORS = { experts: { items: [], countries: [] }, exchanges: [], erasures: [], insights: [] };

/** @type {DashboardContext} */
const context = await fetch('/dashboard/context.json')
  .then((response) => {
    if (!response.ok) throw new Error(`context.json answered ${response.status}`);
    return response.json();
  })
  .catch((error) => {
    boot.textContent = translator(language)('errorNetwork');
    boot.className = 'error';
    throw error;
  });
boot.remove();
const countries = [context.node, ...context.peers];
const areaCodes = context.actionAreas.map(({ code }) => code);
const store = new TokenStore(sessionStorage);
const api = reportingApi({ token: () => store.get() });
const stream = new LiveStream({ token: () => store.get(), onEvent, onState, ParserStream: EventSourceParserStream });

const state = {
  t: translator(language),
  /** @type {import('./session.mjs').TokenClaims} */
  claims: {},
  /** @type {IndicatorRow[]} */
  indicators: [],
  network: NO_NETWORK_INDICATORS,
  /** @type {FederationStatus | undefined} */
  federation: undefined,
  /** performance.now() when the status arrived: heartbeats age from there. */
  federationAt: 0,
  /** @type {{ at: string, pending: number }[]} */
  outbox: [],
  /** @type {StreamEvent[]} */
  activity: [],
  chartCountry: context.node,
  /** @type {StreamState} */
  live: { state: 'connecting' },
  /** @type {ApiError | undefined} */
  problem: undefined,
  /** @type {Date | undefined} */
  updatedAt: undefined,
};

/** Timers of a signed-in session, cleared at sign-out. */
const session = {
  /** @type {ReturnType<typeof setInterval> | undefined} */
  poll: undefined,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  expiry: undefined,
  /** @type {ReturnType<typeof setTimeout>[]} */
  afterEvent: [],
  indicatorsAt: 0,
  /** Each refresh's number: an answer older than one already shown is dropped. */
  requests: { status: 0, indicators: 0 },
};

// ——— language ———

function applyLanguage() {
  const { t } = state;
  document.documentElement.lang = t.language;
  document.title = t('documentTitle', { node: context.node.toUpperCase() });
  page.language.value = t.language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(/** @type {MessageKey} */ (element.getAttribute('data-i18n')));
  }
  page.nodeName.textContent = `· ${t('nodeName', { node: t.country(context.node) })}`;
  page.tokenCommand.textContent = t('tokenCommand', { node: context.node });
  page.chartCountry.replaceChildren(...countries.map((country) => h('option', { value: country }, [t.country(country)])));
  page.chartCountry.value = state.chartCountry;
  render();
}

page.language.addEventListener('change', () => {
  const chosen = /** @type {Language} */ (page.language.value);
  if (!LANGUAGES.includes(chosen)) return;
  localStorage.setItem(LANGUAGE_KEY, chosen);
  state.t = translator(chosen);
  applyLanguage();
});

// ——— signing in and out ———

page.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn(page.token.value);
});

page.signOut.addEventListener('click', () => signOut());

/** @param {string} pasted */
async function signIn(pasted) {
  const read = readToken(pasted);
  if (!read.ok) return showSignInError(read.problem === 'empty' ? 'errorTokenEmpty' : 'errorTokenMalformed');
  const problem = tokenProblem(read.claims, context.node, new Date());
  if (problem?.problem === 'expired') return showSignInError('errorTokenExpired', { date: state.t.dateTime(problem.expiredAt) });
  if (problem?.problem === 'other-node') return showSignInError('errorTokenOtherNode', { country: problem.country, node: context.node });
  if (problem?.problem === 'not-operator') return showSignInError('errorTokenNotOperator', { roles: problem.roles.join(', ') || '—' });

  store.set(read.token);
  try {
    // The node has the last word on the token: the status needs the operator role.
    acceptStatus(await api.federationStatus());
  } catch (error) {
    store.clear();
    if (!(error instanceof ApiError)) throw error;
    return showSignInError(FAILURE_MESSAGES[error.failure], { status: error.status ?? '' });
  }
  page.token.value = '';
  enterDashboard(read.claims);
}

/**
 * @param {MessageKey} key
 * @param {Record<string, string | number>} [values]
 */
function showSignInError(key, values) {
  page.tokenError.textContent = state.t(key, values);
  page.token.setAttribute('aria-invalid', 'true');
  page.token.focus();
}

/** @param {import('./session.mjs').TokenClaims} claims */
function enterDashboard(claims) {
  state.claims = claims;
  page.tokenError.textContent = '';
  page.token.removeAttribute('aria-invalid');
  page.sessionMessage.textContent = '';
  page.signIn.hidden = true;
  page.dashboard.hidden = false;
  page.signOut.hidden = false;
  render();
  page.healthHeading.focus();

  if (typeof claims.exp === 'number') watchExpiry(claims.exp);
  session.poll = setInterval(() => void tick(), STATUS_EVERY_MS);
  void refreshIndicators();
  if (!state.federation) void refreshStatus();
  stream.start();
}

/** setTimeout holds at most 2^31-1 ms (24.8 days): a token valid for longer is looked at again then. */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/** Signs the operator out when the token expires. @param {number} exp seconds since the epoch */
function watchExpiry(exp) {
  const ms = exp * 1000 - Date.now();
  session.expiry =
    ms > LONGEST_TIMEOUT_MS ? setTimeout(() => watchExpiry(exp), LONGEST_TIMEOUT_MS) : setTimeout(() => signOut('sessionEnded'), Math.max(0, ms));
}

/** @param {MessageKey} [reason] what to tell the operator on the sign-in form */
function signOut(reason) {
  stream.stop();
  // Answers still on their way belong to the session that ends: they will be dropped.
  session.requests.status += 1;
  session.requests.indicators += 1;
  clearInterval(session.poll);
  clearTimeout(session.expiry);
  session.afterEvent.forEach(clearTimeout);
  session.afterEvent = [];
  store.clear();
  // Nothing of this session stays on the page for whoever signs in next.
  Object.assign(state, {
    claims: {},
    indicators: [],
    network: NO_NETWORK_INDICATORS,
    federation: undefined,
    outbox: [],
    activity: [],
    live: { state: 'connecting' },
    problem: undefined,
    updatedAt: undefined,
  });
  page.dashboard.hidden = true;
  page.signOut.hidden = true;
  page.signIn.hidden = false;
  page.sessionMessage.textContent = reason ? state.t(reason) : '';
  render();
  (reason ? page.signInHeading : page.token).focus();
}

// ——— figures from the node ———

/** @type {Record<import('./api-client.mjs').ApiFailure, MessageKey>} */
const FAILURE_MESSAGES = { unauthorized: 'errorUnauthorized', forbidden: 'errorForbidden', network: 'errorNetwork', server: 'errorServer' };

async function tick() {
  // A hidden tab needs no fresh figures; it catches up when shown again.
  if (document.hidden) return;
  await refreshStatus();
  // A refused token has signed the operator out meanwhile.
  if (page.dashboard.hidden) return;
  if (state.live.state !== 'live' || performance.now() - session.indicatorsAt >= INDICATORS_EVERY_MS) await refreshIndicators();
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && !page.dashboard.hidden) {
    void refreshStatus();
    void refreshIndicators();
  }
});

async function refreshStatus() {
  const request = ++session.requests.status;
  try {
    const status = await api.federationStatus();
    if (request === session.requests.status) acceptStatus(status);
  } catch (error) {
    failed(error);
  }
  render();
}

/** @param {FederationStatus} status */
function acceptStatus(status) {
  state.federation = status;
  state.federationAt = performance.now();
  state.outbox = withOutboxSample(state.outbox, { at: status.generatedAt, pending: status.outbox.pending });
  succeeded();
}

async function refreshIndicators() {
  const request = ++session.requests.indicators;
  session.indicatorsAt = performance.now();
  try {
    const [rows, network] = await Promise.all([api.indicators(), api.networkIndicators()]);
    if (request === session.requests.indicators) {
      state.indicators = rows;
      state.network = network;
      succeeded();
    }
  } catch (error) {
    failed(error);
  }
  render();
}

function succeeded() {
  state.problem = undefined;
  state.updatedAt = new Date();
}

/** @param {unknown} error */
function failed(error) {
  if (!(error instanceof ApiError)) throw error;
  if (page.dashboard.hidden) return;
  if (error.failure === 'unauthorized' || error.failure === 'forbidden') return signOut(FAILURE_MESSAGES[error.failure]);
  // The figures shown stay; the banner says they are not current, and the next tick retries.
  state.problem = error;
}

// ——— the live stream ———

/** @param {StreamEvent} event */
function onEvent(event) {
  state.activity = [event, ...state.activity].slice(0, ACTIVITY_LENGTH);
  session.afterEvent.forEach(clearTimeout);
  session.afterEvent = REFRESHES_AFTER_EVENT_MS.map((ms) => setTimeout(() => void refreshIndicators(), ms));
  renderActivity();
}

/** @param {StreamState} live */
function onState(live) {
  state.live = live;
  if (live.state === 'refused' && live.failure === 'unauthorized') return signOut('errorUnauthorized');
  // Whatever happened while the stream was down is in the indicators: catch up.
  if (live.state === 'live') void refreshIndicators();
  renderStatusBar();
}

// ——— rendering ———

function render() {
  renderStatusBar();
  renderHealth();
  renderIndicators();
  renderNetwork();
  renderActivity();
}

function renderStatusBar() {
  const { t, claims, live, problem, updatedAt } = state;
  page.signedInAs.textContent = claims.sub ? t('signedInAs', { sub: claims.sub, agency: claims.agency ?? '—' }) : '';
  page.liveStatus.textContent =
    live.state === 'live'
      ? t('liveOn')
      : live.state === 'retrying'
        ? t('liveRetrying', { seconds: Math.ceil(live.inMs / 1000) })
        : live.state === 'refused'
          ? t('liveForbidden', { seconds: STATUS_EVERY_MS / 1000 })
          : t('liveConnecting');
  page.liveStatus.dataset['live'] = live.state;
  page.updatedAt.textContent = updatedAt ? t('updatedAt', { time: t.time(updatedAt) }) : '';
  page.problem.replaceChildren(
    ...(problem
      ? [
          h('p', {}, [t(FAILURE_MESSAGES[problem.failure], { status: problem.status ?? '' })]),
          ...(problem.requestId ? [h('p', { class: 'hint' }, [t('errorRequestId', { id: problem.requestId })])] : []),
        ]
      : []),
  );
}

/** @type {Record<'green' | 'amber' | 'red', { icon: string, key: MessageKey }>} */
const HEALTH = { green: { icon: '✓', key: 'healthGreen' }, amber: { icon: '!', key: 'healthAmber' }, red: { icon: '✕', key: 'healthRed' } };

function renderHealth() {
  const { t, federation } = state;
  page.healthThresholds.textContent = federation
    ? t('healthThresholds', {
        green: federation.thresholds.greenBelowSeconds,
        amber: federation.thresholds.amberBelowSeconds,
        window: federation.latencyWindow.seconds / 60,
      })
    : '';
  page.countedSince.textContent = federation?.countedSince ? t('countedSince', { date: t.dateTime(federation.countedSince) }) : '';
  const aged = federation ? (performance.now() - state.federationAt) / 1000 : 0;
  fillTable(page.partners, {
    caption: t('partnersCaption', { node: t.country(context.node) }),
    columns: [
      t('columnPartner'),
      t('columnHealth'),
      t('columnHeartbeat'),
      t('columnLatency'),
      t('columnEvents'),
      t('columnSignatureFailures'),
      t('columnDeadLetters'),
    ],
    rows: (federation?.peers ?? []).map((peer) => {
      const health = HEALTH[peer.health];
      const latency = peer.replicationLatency;
      const shared = Object.entries(peer.eventsReceived).reduce((sum, [stream, count]) => (stream === 'heartbeats' ? sum : sum + count), 0);
      return [
        t.country(peer.country),
        // The icon and the words carry the state; the colour only repeats it.
        h('span', { class: `badge badge-${peer.health}` }, [h('span', { 'aria-hidden': 'true' }, [health.icon]), ' ', t(health.key)]),
        peer.lastHeartbeat ? t.ago(peer.lastHeartbeat.ageSeconds + aged) : t('heartbeatNever'),
        latency.medianSeconds === null ? t('latencyNone') : t('latencyValue', { value: t.seconds(latency.medianSeconds), count: latency.samples }),
        t.integer(shared),
        t.integer(peer.signatureFailures),
        t.integer(peer.deadLetters.total),
      ];
    }),
  });

  const timings = federation ? partnerTimings(federation, aged) : { categories: [], series: [] };
  showFigure(figures.partners, {
    title: t('partnersChart'),
    figure: timings,
    category: (country) => t.country(country),
    series: (key) => ({ label: t(key === 'heartbeatAge' ? 'seriesHeartbeatAge' : 'seriesLatency'), color: COLORS.timing[key] ?? COLORS.nth(0) }),
    axes: [t('columnPartner'), t('axisSeconds')],
    value: (value) => (value === null ? '—' : t.seconds(value)),
  });

  page.outboxSummary.textContent = federation
    ? [
        t('outboxPending', { count: federation.outbox.pending }),
        ...(federation.outbox.pending > 0 ? [t('outboxOldest', { age: t.duration(federation.outbox.oldestPendingAgeSeconds) })] : []),
      ].join(', ')
    : '';
  showFigure(figures.outbox, {
    title: t('outboxChart'),
    figure: { categories: state.outbox.map(({ at }) => at), series: [{ key: 'pending', values: state.outbox.map(({ pending }) => pending) }] },
    category: (at) => t.time(at),
    series: () => ({ label: t('seriesPending'), color: COLORS.timing['pending'] ?? COLORS.nth(0) }),
    axes: [t('columnTime'), t('seriesPending')],
    value: (value) => t.integer(value ?? 0),
  });
}

function renderIndicators() {
  const { t, indicators, chartCountry } = state;
  const areaLabel = (/** @type {string} */ code) => context.actionAreas.find((area) => area.code === code)?.labels[t.language] ?? code;
  const count = (/** @type {number | null} */ value) => t.integer(value ?? 0);
  const country = t.country(chartCountry);

  showFigure(figures.published, {
    title: t('publishedByCountryChart'),
    figure: publishedByCountry(indicators, countries, areaCodes),
    category: areaLabel,
    series: (code) => ({ label: t.country(code), color: COLORS.country[code] ?? COLORS.nth(countries.indexOf(code)) }),
    axes: [t('axisActionArea'), t('axisSubmissions')],
    value: count,
  });
  showFigure(figures.statuses, {
    title: t('statusChart', { node: t.country(context.node) }),
    figure: statusesByArea(indicators, context.node, context.submissionStatuses, areaCodes),
    category: areaLabel,
    series: (status) => ({ label: t.status(status), color: COLORS.status[status] ?? COLORS.nth(context.submissionStatuses.indexOf(status)) }),
    axes: [t('axisActionArea'), t('axisSubmissions')],
    value: count,
  });
  showFigure(figures.kinds, {
    title: t('kindChart', { country }),
    figure: kindsByArea(indicators, chartCountry, context.submissionKinds, areaCodes),
    category: areaLabel,
    series: (kind) => ({ label: t.kind(kind), color: COLORS.nth(context.submissionKinds.indexOf(kind)) }),
    axes: [t('axisActionArea'), t('axisSubmissions')],
    value: count,
  });
  const sdg = sdgTargetsByArea(indicators, chartCountry, areaCodes);
  page.sdgEmpty.hidden = sdg.categories.length > 0 || indicators.length === 0;
  page.sdgEmpty.textContent = t('noSdgTargets', { country });
  showFigure(figures.sdg, {
    title: t('sdgChart', { country }),
    figure: sdg,
    category: (target) => t.sdgTarget(target),
    series: (area) => ({ label: areaLabel(area), color: COLORS.nth(areaCodes.indexOf(area)) }),
    axes: [t('axisSdgTarget'), t('axisSubmissions')],
    value: count,
  });
}

function renderNetwork() {
  const { t, network } = state;
  const areaLabel = (/** @type {string} */ code) => context.actionAreas.find((area) => area.code === code)?.labels[t.language] ?? code;
  const languageLabel = (/** @type {string} */ code) => context.languageNames[code]?.[t.language] ?? t.languageName(code);
  const count = (/** @type {number | null} */ value) => t.integer(value ?? 0);
  const countrySeries = (/** @type {string} */ code) => ({ label: t.country(code), color: COLORS.country[code] ?? COLORS.nth(countries.indexOf(code)) });

  showFigure(figures.experts, {
    title: t('expertsChart'),
    figure: expertsByArea(network.experts.items, countries, areaCodes),
    category: areaLabel,
    series: countrySeries,
    axes: [t('axisActionArea'), t('axisExperts')],
    value: count,
  });
  const languages = expertsByLanguage(network.experts.countries, countries);
  page.languagesEmpty.hidden = languages.categories.length > 0 || network.experts.countries.length === 0;
  page.languagesEmpty.textContent = t('noLanguages');
  showFigure(figures.languages, {
    title: t('languagesChart'),
    figure: languages,
    category: languageLabel,
    series: countrySeries,
    axes: [t('axisLanguage'), t('axisExperts')],
    value: count,
  });

  fillTable(page.exchanges, {
    caption: t('exchangesCaption'),
    columns: [t('columnCountry'), t('columnOpen'), t('columnAnswered'), t('columnClosed'), t('columnFirstAnswer')],
    rows: network.exchanges.map((row) => [
      t.country(row.country),
      t.integer(row.open),
      t.integer(row.answered),
      t.integer(row.closed),
      row.medianSecondsToFirstAnswer === null ? t('noAnswerYet') : t.longDuration(row.medianSecondsToFirstAnswer),
    ]),
  });
  fillTable(page.erasures, {
    caption: t('erasuresCaption'),
    columns: [t('columnOrigin'), t('columnErasingPartner'), t('columnWithdrawals'), t('columnReceipts'), t('columnPending'), t('columnTimeToReceipt')],
    rows: network.erasures.flatMap((row) =>
      row.partners.map(
        (partner) =>
          /** @type {[string, ...string[]]} */ ([
            t.country(row.country),
            t.country(partner.country),
            t.integer(row.withdrawals),
            t.integer(partner.receipts),
            t.integer(partner.pending),
            partner.medianSecondsToReceipt === null ? t('noReceiptYet') : t.longDuration(partner.medianSecondsToReceipt),
          ]),
      ),
    ),
  });

  showFigure(figures.insights, {
    title: t('insightsChart'),
    figure: insightsByArea(network.insights, countries, areaCodes),
    category: areaLabel,
    series: countrySeries,
    axes: [t('axisActionArea'), t('axisInsights')],
    value: count,
  });
  showFigure(figures.cells, {
    title: t('cellsChart'),
    figure: insightCellsByCountry(network.insights, countries),
    category: (code) => t.country(code),
    series: (key) =>
      key === 'publishedCells' ? { label: t('seriesPublishedCells'), color: COLORS.nth(2) } : { label: t('seriesSuppressedCells'), color: COLORS.nth(7) },
    axes: [t('columnCountry'), t('axisCells')],
    value: count,
  });
}

page.chartCountry.addEventListener('change', () => {
  state.chartCountry = page.chartCountry.value;
  renderIndicators();
});

/**
 * @param {ReturnType<typeof figure>} target
 * @param {object} view
 * @param {string} view.title
 * @param {Figure} view.figure
 * @param {(code: string) => string} view.category the name of a category, in the page's language
 * @param {(key: string) => { label: string, color: string }} view.series
 * @param {[string, string]} view.axes the category axis's title, then the value axis's
 * @param {(value: number | null) => string} view.value a figure as the table shows it
 */
function showFigure({ title, canvas, table, chart }, { title: text, figure: { categories, series }, category, series: describe, axes, value }) {
  title.textContent = text;
  canvas.setAttribute('aria-label', state.t('chartSummary', { title: text }));
  const labels = categories.map(category);
  const described = series.map(({ key, values }) => ({ ...describe(key), data: values }));
  showView(chart, { language: state.t.language, labels, datasets: described, categoryTitle: axes[0], valueTitle: axes[1] });
  fillTable(table, {
    caption: text,
    columns: [axes[0], ...described.map(({ label }) => label)],
    rows: labels.map((label, index) => [label, ...series.map(({ values }) => value(values[index] ?? null))]),
  });
}

function renderActivity() {
  const { t, activity } = state;
  page.activityEmpty.hidden = activity.length > 0;
  page.activity.replaceChildren(
    ...activity.map((event) => {
      const published = event.type.endsWith('.published.v1');
      const data = event.data ?? {};
      const title = published ? titleIn(data, t.language) : undefined;
      return h('li', {}, [
        h('time', { datetime: event.time }, [t.time(event.time)]),
        ' ',
        h('strong', {}, [t(published ? 'activityPublished' : 'activityWithdrawn', { country: t.country(String(data.country ?? '')) })]),
        ' ',
        // A title keeps the language it is written in, for screen readers' pronunciation.
        title ? h('span', { lang: title.language }, [title.text]) : h('code', {}, [event.subject]),
      ]);
    }),
  );
}

/**
 * A shared submission's title in the page's language, else in its original one.
 * @param {{ title?: Partial<Record<Language, string>>, originalLanguage?: Language }} data
 * @param {Language} language
 */
function titleIn({ title = {}, originalLanguage = 'en' }, language) {
  const text = title[language];
  return text ? { text, language } : { text: title[originalLanguage] ?? '', language: originalLanguage };
}

// ——— start ———

applyLanguage();
const kept = store.get();
const keptToken = kept ? readToken(kept) : undefined;
if (keptToken?.ok && !tokenProblem(keptToken.claims, context.node, new Date())) {
  // A reload keeps the session; the node still checks the token on the first call.
  enterDashboard(keptToken.claims);
} else {
  store.clear();
  page.signIn.hidden = false;
  page.token.focus();
}
