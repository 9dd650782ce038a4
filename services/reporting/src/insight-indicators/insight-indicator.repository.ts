import type { CountryCode } from '@naperj/contracts';
import type { CounterPosition } from '@naperj/messaging';
import type { Connection } from 'mongoose';
import { CountedStates } from '../read-models/counted-states';
import type { InsightKey } from './insight-counts';

/** The insight indicators of one read-model generation: counters, and each insight's state so that a new version replaces the old one's counts. */
export class InsightIndicatorRepository {
  private readonly insights: CountedStates<InsightKey>;

  constructor(connection: Connection, generation: string) {
    const prefix = `reporting_${generation}`;
    this.insights = new CountedStates<InsightKey>(connection, `${prefix}_insight_states`, `${prefix}_insight_counters`, ['country', 'actionArea', 'measure']);
  }

  /** Brings the insight `id` of `origin` to `version`; an older or equal version changes nothing. */
  record(origin: CountryCode, id: string, version: number, counts: InsightKey[], position: CounterPosition): Promise<'applied' | 'stale'> {
    return this.insights.record(`${origin}:${id}`, version, () => counts, position);
  }

  totals(filter: Partial<Pick<InsightKey, 'country' | 'actionArea'>> = {}): Promise<(InsightKey & { count: number })[]> {
    return this.insights.totals(filter);
  }
}
