// @ts-check
/**
 * Chart.js, as the dashboard draws with it. The library comes as its prebuilt UMD bundle
 * (a classic script before the modules), which defines the global `Chart`.
 */

/** @type {typeof import('chart.js').Chart} */
const Chart = /** @type {any} */ (globalThis).Chart;

/**
 * Okabe and Ito's palette, told apart with the common colour-vision deficiencies. Every bar
 * also gets a dark outline, so each keeps a 3:1 contrast with the page (WCAG 1.4.11) and
 * the lighter colours stay visible; each chart's table gives the exact figures.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];
const INK = '#1f2328';

export const COLORS = {
  /** @type {Record<string, string>} */
  country: { us: '#0072B2', mx: '#009E73', ca: '#D55E00' },
  /** @type {Record<string, string>} */
  status: { draft: '#999999', submitted: '#56B4E9', 'changes-requested': '#E69F00', published: '#009E73', rejected: '#D55E00', withdrawn: '#CC79A7' },
  /** @type {Record<string, string>} */
  timing: { heartbeatAge: '#0072B2', latency: '#E69F00', pending: '#0072B2' },
  /** @param {number} index */
  nth: (index) => /** @type {string} */ (PALETTE[index % PALETTE.length]),
};

Chart.defaults.color = INK;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.font.size = 13;

/**
 * @typedef {object} ChartShape
 * @property {'bar' | 'line'} type
 * @property {boolean} [horizontal] bars along the x axis, for long category names
 * @property {boolean} [stacked]
 * @property {boolean} [integers] counts, whose ticks must not read 0.5
 */

/**
 * @typedef {object} ChartView
 * @property {string} language
 * @property {string[]} labels
 * @property {{ label: string, color: string, data: (number | null)[] }[]} datasets
 * @property {string} categoryTitle
 * @property {string} valueTitle
 */

/**
 * An empty chart on `canvas`; showView fills it.
 * @param {HTMLCanvasElement} canvas
 * @param {ChartShape} shape
 */
export function createChart(canvas, { type, horizontal = false, stacked = false, integers = true }) {
  const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const axis = { stacked, grid: { color: '#d0d7de' }, title: { display: true, text: '' } };
  const valueAxis = { ...axis, beginAtZero: true, ticks: integers ? { precision: 0 } : {} };
  return new Chart(canvas, {
    type,
    data: { labels: [], datasets: [] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 250 },
      scales: horizontal ? { x: valueAxis, y: axis } : { x: axis, y: valueAxis },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

/**
 * Shows new figures, labels or language without recreating the chart.
 * @param {import('chart.js').Chart} chart
 * @param {ChartView} view
 */
export function showView(chart, { language, labels, datasets, categoryTitle, valueTitle }) {
  const horizontal = chart.options.indexAxis === 'y';
  chart.options.locale = language;
  const scales = /** @type {Record<'x' | 'y', { title: { text: string } }>} */ (/** @type {unknown} */ (chart.options.scales));
  scales[horizontal ? 'y' : 'x'].title.text = categoryTitle;
  scales[horizontal ? 'x' : 'y'].title.text = valueTitle;
  // A line is its own outline; bars get the dark one.
  const line = /** @type {{ type?: string }} */ (chart.config).type === 'line';
  chart.data.labels = labels;
  chart.data.datasets = datasets.map(({ label, color, data }) => ({
    label,
    data,
    backgroundColor: color,
    borderColor: line ? color : INK,
    borderWidth: line ? 2 : 1,
    pointRadius: 0,
  }));
  chart.update();
}
