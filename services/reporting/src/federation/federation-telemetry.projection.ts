import { catalogueEntry, EVENT_TYPES, type EventData, type EventType, type NodeHeartbeatData } from '@naperj/contracts';
import { type CloudEvent, type EventContext, OnEvent } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { FederationTelemetryStore } from './federation-telemetry.store';

const T = EVENT_TYPES;

/** Prunes old receipts at most this often. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Every event partners share, as it arrives: counted per partner and stream, its latency
 * (receive time − `ce_time`) kept for the recent window, and heartbeats kept per partner.
 * The partner is the country whose signature the runtime verified (`context.origin`).
 */
@Injectable()
export class FederationTelemetryProjection {
  private prunedAt = 0;

  constructor(private readonly store: FederationTelemetryStore) {}

  @OnEvent(T.submissionPublished, { from: 'shared' })
  @OnEvent(T.submissionWithdrawn, { from: 'shared' })
  @OnEvent(T.expertRegistered, { from: 'shared' })
  @OnEvent(T.expertUpdated, { from: 'shared' })
  @OnEvent(T.expertWithdrawn, { from: 'shared' })
  @OnEvent(T.expertErased, { from: 'shared' })
  @OnEvent(T.exchangeRequested, { from: 'shared' })
  @OnEvent(T.exchangeResponded, { from: 'shared' })
  @OnEvent(T.exchangeClosed, { from: 'shared' })
  @OnEvent(T.insightPublished, { from: 'shared' })
  async received(event: CloudEvent<EventData>, context: EventContext): Promise<void> {
    await this.record(event, context, new Date());
  }

  @OnEvent(T.nodeHeartbeat, { from: 'shared' })
  async heartbeat(event: CloudEvent<NodeHeartbeatData>, context: EventContext): Promise<void> {
    const receivedAt = new Date();
    await this.record(event, context, receivedAt);
    await this.store.recordHeartbeat(context.origin, event, receivedAt);
  }

  private async record(event: CloudEvent, { origin, topic, partition, offset }: EventContext, receivedAt: Date): Promise<void> {
    // The runtime only delivers types that travel on the topic, so every one has its shared stream.
    const stream = catalogueEntry(event.type as EventType).shared!.stream;
    await this.store.record(origin, stream, event, { topic, partition, offset }, receivedAt);
    if (receivedAt.getTime() - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = receivedAt.getTime();
      await this.store.prune(receivedAt);
    }
  }
}
