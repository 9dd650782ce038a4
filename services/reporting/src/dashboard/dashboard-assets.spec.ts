import { join } from 'node:path';
import { loadDashboardAssets, WEB_ROOT } from './dashboard-assets';
import { dashboardContext } from './dashboard-context';

describe('the dashboard files', () => {
  const { page, files } = loadDashboardAssets();

  it('serves the page, its stylesheet and modules, and the two libraries, but no spec or build setting', () => {
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['app.mjs', 'i18n.mjs', 'live-stream.mjs', 'dashboard.css', 'vendor/chart.umd.min.js', 'vendor/eventsource-parser/stream.js']),
    );
    expect([...files.keys()].filter((name) => name.endsWith('.spec.mjs') || name.endsWith('.json') || name.endsWith('.html'))).toEqual([]);
    expect(files.get('app.mjs')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(files.get('dashboard.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(files.get('vendor/chart.umd.min.js')?.body.toString('utf8')).toContain('Chart.js v4');
  });

  it('has every file the page and its modules load, so no request of the page meets a 404', () => {
    const html = page.body.toString('utf8');
    const fromPage = [...html.matchAll(/(?:src|href)="\/dashboard\/([^"]+)"/g)].map((match) => match[1]!);
    const fromModules = [...files.entries()]
      .filter(([name]) => name.endsWith('.mjs'))
      .flatMap(([, { body }]) => [...body.toString('utf8').matchAll(/(?:from '\.\/|new URL\(')([^']+)'/g)].map((match) => match[1]!));
    const fromParser = [
      ...files
        .get('vendor/eventsource-parser/stream.js')!
        .body.toString('utf8')
        .matchAll(/from '\.\/([^']+)'/g),
    ].map((match) => `vendor/eventsource-parser/${match[1]!}`);
    expect(fromPage).toEqual(['dashboard.css', 'vendor/chart.umd.min.js', 'app.mjs']);
    expect(fromModules).toContain('vendor/eventsource-parser/stream.js');
    for (const name of [...fromPage, ...fromModules, ...fromParser]) expect({ name, served: files.has(name) }).toEqual({ name, served: true });
  });

  it('gives each file a strong ETag that changes with its bytes', () => {
    const app = files.get('app.mjs')!;
    expect(app.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(loadDashboardAssets().files.get('app.mjs')!.etag).toBe(app.etag);
    expect(files.get('i18n.mjs')!.etag).not.toBe(app.etag);
  });

  it('stops the service at start when the page is missing', () => {
    expect(() => loadDashboardAssets(join(WEB_ROOT, '..', 'src'))).toThrow(/index\.html/);
  });

  it('tells the page its node, partners and vocabularies, with the action areas named in each language', () => {
    const context = dashboardContext('mx', ['us', 'ca']);
    expect(context).toMatchObject({ node: 'mx', peers: ['us', 'ca'], languages: ['en', 'es', 'fr'] });
    expect(context.actionAreas[0]).toEqual({ code: 'health-equity', labels: { en: 'Health equity', es: 'Equidad en salud', fr: 'Équité en santé' } });
    expect(context.submissionStatuses).toContain('changes-requested');
    // It travels as JSON, as the page reads it.
    expect(JSON.parse(JSON.stringify(context))).toEqual(context);
  });
});
