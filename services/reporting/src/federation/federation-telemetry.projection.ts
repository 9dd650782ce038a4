import { catalogueEntry, EVENT_TYPES, type EventType, type NodeHeartbeatData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FEDERATION_TELEMETRY } from './federation-groups';
import { timeAsReceived } from './federation-health';
import { FederationTelemetryRepository } from './federation-telemetry.repository';

const T = EVENT_TYPES;

/** Prunes old receipts at most this often. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Every event partners share, as it arrives: counted per partner and stream, its latency
 * (receive time − `ce_time`) kept for the recent window, and heartbeats kept per partner.
 * The partner is the country whose signature the transport verified (`event.source`).
 */
@Controller()
export class FederationTelemetryProjection {
  private prunedAt = 0;

  constructor(private readonly store: FederationTelemetryRepository) {}

  @EventPattern(
    [
      T.submissionPublished,
      T.submissionWithdrawn,
      T.expertRegistered,
      T.expertUpdated,
      T.expertWithdrawn,
      T.expertErased,
      T.exchangeRequested,
      T.exchangeResponded,
      T.exchangeClosed,
      T.insightPublished,
    ],
    FEDERATION_TELEMETRY,
  )
  async received(@Ctx() event: EventContext): Promise<void> {
    await this.record(event, new Date());
  }

  @EventPattern(T.nodeHeartbeat, FEDERATION_TELEMETRY)
  async heartbeat(@Payload() data: NodeHeartbeatData, @Ctx() event: EventContext): Promise<void> {
    const receivedAt = new Date();
    await this.record(event, receivedAt);
    await this.store.recordHeartbeat(event.source, timeAsReceived(event.time, receivedAt), data, receivedAt);
  }

  private async record(event: EventContext, receivedAt: Date): Promise<void> {
    // The transport only delivers types that travel on the topic, so every one has its shared stream.
    const stream = catalogueEntry(event.type as EventType).shared!.stream;
    await this.store.record(event.source, stream, { ...event, time: timeAsReceived(event.time, receivedAt) }, event, receivedAt);
    if (receivedAt.getTime() - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = receivedAt.getTime();
      await this.store.prune(receivedAt);
    }
  }
}
