import { writeForward } from '@naperj/messaging';
import type { Connection, mongo } from 'mongoose';
import type { ActionArea } from '@naperj/contracts';
import type { IndicatorKey } from './submission-counts';

/** The last state of one submission the indicators hold: what it counts for, at which version. */
export interface SubmissionState {
  /** `<country>:<id>`: the submission's country (its topic's) and its id. */
  _id: string;
  version: number;
  /** Kept so that a withdrawal, which names no action area, still counts where the submission was. */
  actionAreas: ActionArea[];
  counts: IndicatorKey[];
}

/** The per-submission states of one read-model generation; a state is replaced only by a newer version. */
export class SubmissionStateRepository {
  private readonly states: mongo.Collection<SubmissionState>;

  constructor(connection: Connection, collectionName: string) {
    this.states = connection.collection<SubmissionState>(collectionName);
  }

  async find(id: string): Promise<SubmissionState | undefined> {
    return (await this.states.findOne({ _id: id })) ?? undefined;
  }

  /**
   * Keeps `state` unless a newer version is held; `held` is what `find` gave just before.
   * A submission's events are applied in order, by one consumer.
   */
  async save(state: SubmissionState, held: SubmissionState | undefined): Promise<void> {
    // Not written, when a newer version is held: what it counts for is already in the counters.
    await writeForward<Pick<SubmissionState, 'version'>>(
      {
        read: () => this.states.findOne({ _id: state._id }, { projection: { version: 1 } }),
        isAhead: (current) => current.version < state.version,
        insert: () => this.states.insertOne(state),
        swap: async (current) => (await this.states.replaceOne({ _id: state._id, version: current.version }, state)).matchedCount === 1,
      },
      held ?? null,
    );
  }
}
