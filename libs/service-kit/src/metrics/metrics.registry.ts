import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

let processRegistry: MetricsRegistry | undefined;

/**
 * The process's one Prometheus registry: Node.js process metrics prefixed `naperj_`, and
 * every metric a feature registers. Registering is idempotent, returning the metric of that
 * name if there is one, so a provider built twice keeps counting into the same series.
 */
export class MetricsRegistry {
  /** The prom-client registry itself, for libraries that register their own metrics (outbox, consumers). */
  readonly registry = new Registry();

  /** One per process: the default metrics observe the whole process, and must be collected once. */
  static forProcess(): MetricsRegistry {
    processRegistry ??= new MetricsRegistry();
    return processRegistry;
  }

  private constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'naperj_' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text format. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  counter<L extends string>(configuration: CounterConfiguration<L>): Counter<L> {
    return this.existing(configuration.name, Counter<L>) ?? new Counter({ ...configuration, registers: [this.registry] });
  }

  gauge<L extends string>(configuration: GaugeConfiguration<L>): Gauge<L> {
    return this.existing(configuration.name, Gauge<L>) ?? new Gauge({ ...configuration, registers: [this.registry] });
  }

  histogram<L extends string>(configuration: HistogramConfiguration<L>): Histogram<L> {
    return this.existing(configuration.name, Histogram<L>) ?? new Histogram({ ...configuration, registers: [this.registry] });
  }

  private existing<M>(name: string, type: abstract new (...args: never[]) => M): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof type)) throw new Error(`Metric ${name} is already registered with another type`);
    return metric;
  }
}
