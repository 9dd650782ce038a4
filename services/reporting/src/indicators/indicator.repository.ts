import type { CountryCode } from '@naperj/contracts';
import { type CounterPosition, PartitionCounters } from '@naperj/messaging';
import type { Connection } from 'mongoose';
import { countChanges, type IndicatorKey } from './submission-counts';
import { type SubmissionState, SubmissionStateRepository } from './submission-state.repository';

/** What a submission counts for after an event, given the state held before it (none for a new one). */
export type NextState = (held: SubmissionState | undefined) => Pick<SubmissionState, 'actionAreas' | 'counts'>;

export type IndicatorTotal = IndicatorKey & { count: number };

/**
 * The indicators of one read-model generation: counters per country × action area × measure,
 * and the state of each submission they count, so that a transition moves its counts (draft
 * down, submitted up). Each generation has collections of its own, so a rebuild fills fresh
 * ones while the live generation keeps serving.
 */
export class IndicatorRepository {
  private readonly states: SubmissionStateRepository;
  private readonly counters: PartitionCounters<IndicatorKey>;

  constructor(connection: Connection, generation: string) {
    const [states, counters] = IndicatorRepository.collectionsOf(generation);
    this.states = new SubmissionStateRepository(connection, states!);
    this.counters = new PartitionCounters<IndicatorKey>(connection, counters!, ['country', 'actionArea', 'measure', 'value']);
  }

  /** The collections a generation owns, e.g. to drop them once it is retired. */
  static collectionsOf(generation: string): string[] {
    return [`reporting_${generation}_submission_states`, `reporting_${generation}_indicator_counters`];
  }

  /**
   * Applies the event at `position` that brings the submission `id` of `origin` (the country
   * whose topic carried it, verified on shared topics) to `version`. A submission is known by
   * both, so a partner's id never reaches another country's state. An older or equal version
   * is a redelivery or an event overtaken by a newer one, a withdrawal's included (its state
   * stays, counting for nothing): nothing changes. The counters move first and the state
   * follows; if the process stops in between, the redelivered event finds the old state,
   * computes the same changes, and the counters (which remember the offset they applied) take
   * none of them twice.
   */
  async record(origin: CountryCode, id: string, version: number, next: NextState, position: CounterPosition): Promise<'applied' | 'stale'> {
    const _id = `${origin}:${id}`;
    const held = await this.states.find(_id);
    if (held && held.version >= version) return 'stale';
    const { actionAreas, counts } = next(held);
    await this.counters.apply(position, countChanges(held?.counts ?? [], counts));
    await this.states.save({ _id, version, actionAreas, counts }, held);
    return 'applied';
  }

  totals(filter: Partial<Pick<IndicatorKey, 'country' | 'actionArea'>> = {}): Promise<IndicatorTotal[]> {
    return this.counters.totals(filter);
  }
}
