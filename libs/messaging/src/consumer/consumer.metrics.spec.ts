import { Registry } from 'prom-client';
import { ConsumerMetrics } from './consumer.metrics';

async function lagSeries(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('naperj_consumer_lag')!.get();
  return Object.fromEntries(metric.values.map(({ labels, value }) => [`${labels.group} ${labels.topic}/${labels.partition}`, value]));
}

describe('ConsumerMetrics lag', () => {
  it('reports the lag of each partition a group consumes, never below zero', async () => {
    const registry = new Registry();
    const metrics = new ConsumerMetrics(registry);
    metrics.lag('mx.reporting.network', 'us.shared.submissions.v1', 0, 12);
    metrics.lag('mx.reporting.network', 'us.shared.submissions.v1', 1, -1);
    expect(await lagSeries(registry)).toEqual({
      'mx.reporting.network us.shared.submissions.v1/0': 12,
      'mx.reporting.network us.shared.submissions.v1/1': 0,
    });
  });

  it('drops the partitions a rebalance took away from this member, and only its own group’s', async () => {
    const registry = new Registry();
    const metrics = new ConsumerMetrics(registry);
    metrics.lag('g1', 't', 0, 5);
    metrics.lag('g1', 't', 1, 7);
    metrics.lag('g2', 't', 0, 3);
    metrics.assigned('g1', { t: [1] });
    expect(await lagSeries(registry)).toEqual({ 'g1 t/1': 7, 'g2 t/0': 3 });
  });

  it('shares the series between two instances on one registry', async () => {
    const registry = new Registry();
    new ConsumerMetrics(registry).lag('g', 't', 0, 4);
    new ConsumerMetrics(registry).lag('g', 't', 1, 2);
    expect(await lagSeries(registry)).toEqual({ 'g t/0': 4, 'g t/1': 2 });
  });
});
