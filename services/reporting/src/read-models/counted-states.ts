import { type CounterChange, type CounterKey, type CounterPosition, PartitionCounters, writeForward } from '@naperj/messaging';
import type { Connection, mongo } from 'mongoose';

/** What one entity counts for, at which version: the counters hold the sum of every entity's counts. */
export interface CountedState<K extends CounterKey> {
  /** `<country>:<id>`: the entity's origin (its topic's country) and its id. */
  _id: string;
  version: number;
  counts: K[];
}

/**
 * Counters of entities that change: each entity's state says what it counts for, and an event
 * that brings it to a newer version moves the counters from the old counts to the new ones. A
 * state that counts for nothing is a withdrawal's version floor. The algorithm of the
 * submission indicators' `IndicatorRepository`, for any counter key.
 */
export class CountedStates<K extends CounterKey> {
  private readonly states: mongo.Collection<CountedState<K>>;
  private readonly counters: PartitionCounters<K>;

  constructor(connection: Connection, statesCollection: string, countersCollection: string, keyFields: readonly (keyof K & string)[]) {
    this.states = connection.collection<CountedState<K>>(statesCollection);
    this.counters = new PartitionCounters<K>(connection, countersCollection, keyFields);
  }

  /**
   * Applies the event at `position` that brings entity `_id` to `version`, counting for what
   * `next` says given the state held. An older or equal version changes nothing. The counters
   * move first, then the state: a redelivery after a stop in between finds the old state,
   * computes the same changes, and the counters, which remember the offset they applied,
   * take none of them twice.
   */
  async record(_id: string, version: number, next: (held: CountedState<K> | undefined) => K[], position: CounterPosition): Promise<'applied' | 'stale'> {
    const held = (await this.states.findOne({ _id })) ?? undefined;
    if (held && held.version >= version) return 'stale';
    const counts = next(held);
    await this.counters.apply(position, countChanges(held?.counts ?? [], counts));
    const state = { _id, version, counts } as CountedState<K>;
    // One entity's events are applied in order by one consumer; a newer state held is left as it is.
    await writeForward<Pick<CountedState<K>, 'version'>>(
      {
        read: () => this.states.findOne({ _id }, { projection: { version: 1 } }),
        isAhead: (current) => current.version < version,
        insert: () => this.states.insertOne(state),
        swap: async (current) => (await this.states.replaceOne({ _id, version: current.version }, state)).matchedCount === 1,
      },
      held ?? null,
    );
    return 'applied';
  }

  totals(filter: Partial<K> = {}): Promise<(K & { count: number })[]> {
    return this.counters.totals(filter);
  }
}

/** How the counters move when an entity goes from counting for `before` to counting for `after`. */
export function countChanges<K extends CounterKey>(before: readonly K[], after: readonly K[]): CounterChange<K>[] {
  return [...before.map((key) => ({ key, delta: -1 })), ...after.map((key) => ({ key, delta: 1 }))];
}
