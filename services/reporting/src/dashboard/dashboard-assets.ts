import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** A file of the dashboard, held in memory: the set is fixed by the deployment, so a request never reads the disk. */
export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  /** A strong validator from the bytes, so a browser revalidates with If-None-Match and gets 304. */
  etag: string;
}

/** The browser code: `services/reporting/web`, two levels above this file in `src/` and in `dist/` alike. */
export const WEB_ROOT = join(__dirname, '..', '..', 'web');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export function toDashboardAsset(body: Buffer, contentType: string): DashboardAsset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

export interface DashboardBundle {
  /** The page, served at `/`. */
  page: DashboardAsset;
  /** What the page loads, by path under `/dashboard/`. */
  files: Map<string, DashboardAsset>;
}

/**
 * The page and what it loads: its stylesheet and modules from `web/` (not the specs, nor the
 * type checking settings), and the prebuilt browser builds of the two libraries it uses,
 * taken from node_modules so that no build step copies them.
 */
export function loadDashboardAssets(webRoot = WEB_ROOT): DashboardBundle {
  const read = (file: string) => toDashboardAsset(readFileSync(file), contentType(file));
  const files = new Map<string, DashboardAsset>();
  for (const name of readdirSync(webRoot)) {
    if (/\.(css|mjs)$/.test(name) && !name.endsWith('.spec.mjs')) files.set(name, read(join(webRoot, name)));
  }
  // The UMD build bundles Chart.js with its one dependency and every chart type; the
  // package exports only its CommonJS and ESM entries, hence the path beside the former.
  files.set('vendor/chart.umd.min.js', read(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js')));
  // eventsource-parser's build is a handful of ES modules importing each other by relative path.
  const parserDist = dirname(require.resolve('eventsource-parser'));
  for (const name of readdirSync(parserDist)) {
    if (name.endsWith('.js')) files.set(`vendor/eventsource-parser/${name}`, read(join(parserDist, name)));
  }
  return { page: read(join(webRoot, 'index.html')), files };
}

function contentType(file: string): string {
  const type = CONTENT_TYPES[extname(file)];
  if (!type) throw new Error(`The dashboard cannot serve ${file}: unknown content type`);
  return type;
}
