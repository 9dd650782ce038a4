import { MetricsRegistry } from '../metrics/metrics.registry';
import type { ReadinessCheck } from './readiness.check';
import { ReadinessMetrics } from './readiness.metrics';

describe('ReadinessMetrics', () => {
  const metrics = MetricsRegistry.forProcess();
  let ready = true;
  const readiness = {
    run: () => (ready ? Promise.resolve({ status: 'ok', details: {} }) : Promise.reject(new Error('kafka unreachable'))),
  } as unknown as ReadinessCheck;
  new ReadinessMetrics(readiness, metrics);

  async function scraped(): Promise<string | undefined> {
    return /^naperj_ready (\S+)$/m.exec(await metrics.metrics())?.[1];
  }

  it('scrapes 1 while the readiness checks pass', async () => {
    ready = true;
    expect(await scraped()).toBe('1');
  });

  it('scrapes 0 once one fails, without failing the scrape', async () => {
    ready = false;
    expect(await scraped()).toBe('0');
    ready = true;
    expect(await scraped()).toBe('1');
  });
});
