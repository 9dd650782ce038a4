import { EVENT_TYPES, type RemovalData, type SharedSubmissionData } from '@naperj/contracts';
import { type CloudEvent, type EventContext, OnEvent } from '@naperj/messaging';
import type { IndicatorStore } from './indicator.store';
import { peerSubmissionCounts } from './submission-counts';

/**
 * Partners' published submissions, from their shared topics, counted by kind and SDG target;
 * a withdrawal takes them out. They count under the country whose signature the runtime
 * verified (`context.origin`), whatever the data claims.
 */
export class PeerSubmissionIndicatorsProjection {
  constructor(private readonly store: IndicatorStore) {}

  @OnEvent(EVENT_TYPES.submissionPublished, { from: 'shared' })
  async published({ data }: CloudEvent<SharedSubmissionData>, { origin, topic, partition, offset }: EventContext): Promise<void> {
    await this.store.record(data.id, data.version, () => ({ actionAreas: data.actionAreas, counts: peerSubmissionCounts(origin, data) }), { topic, partition, offset });
  }

  @OnEvent(EVENT_TYPES.submissionWithdrawn, { from: 'shared' })
  async withdrawn({ data: { id, version } }: CloudEvent<RemovalData>, { topic, partition, offset }: EventContext): Promise<void> {
    await this.store.record(id, version, (held) => ({ actionAreas: held?.actionAreas ?? [], counts: [] }), { topic, partition, offset });
  }
}
