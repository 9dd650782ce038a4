import { type CountryCode, SERVICE_NAMES, type ServiceName, SHARED_STREAMS, type SharedStream } from '@naperj/contracts';
import { type DeadLetterKind, EventStore } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ReadModelRegistry } from '../read-models/read-model.registry';
import { DeadLettersRepository } from './dead-letters.repository';
import { ageSeconds, HEALTH_THRESHOLDS, LATENCY_WINDOW, median, type PeerHealth, peerHealth } from './federation-health';
import { FederationTelemetryRepository } from './federation-telemetry.repository';

export interface PeerStatus {
  country: CountryCode;
  health: PeerHealth;
  lastHeartbeat: { sentAt: string; receivedAt: string; ageSeconds: number; emitterId: string; sequence: number } | null;
  replicationLatency: { medianSeconds: number | null; samples: number };
  eventsReceived: Record<SharedStream, number>;
  signatureFailures: number;
  deadLetters: { total: number; byReason: Partial<Record<DeadLetterKind, number>> };
}

export interface FederationStatus {
  node: CountryCode;
  generatedAt: string;
  thresholds: typeof HEALTH_THRESHOLDS;
  latencyWindow: typeof LATENCY_WINDOW;
  /** Since when events, signature failures and dead letters are counted: this database's first start. */
  countedSince: string | null;
  /** The node's outboxes together: the events of all its services not yet in Kafka, the oldest one's age, and those parked. */
  outbox: Omit<OutboxStatus, 'service'>;
  /** Each service's outbox on this node: events recorded but not yet in Kafka, and those parked because Kafka can never take them. */
  outboxes: OutboxStatus[];
  peers: PeerStatus[];
}

export interface OutboxStatus {
  service: ServiceName;
  pending: number;
  oldestPendingAgeSeconds: number;
  parked: number;
}

/** The health of the federation as this node sees it: one entry per configured partner. */
@Injectable()
export class FederationStatusService {
  private readonly country: CountryCode;
  private readonly peers: readonly CountryCode[];
  private readonly eventStores: EventStore[];

  constructor(
    private readonly telemetry: FederationTelemetryRepository,
    private readonly deadLetters: DeadLettersRepository,
    private readonly registry: ReadModelRegistry,
    @InjectConnection() connection: Connection,
    config: ConfigService<ServiceConfig, true>,
  ) {
    // The node's services share its database: their outboxes are read here, their relays run in their own processes.
    this.eventStores = SERVICE_NAMES.map((service) => new EventStore({ connection, service }));
    this.country = config.get('country', { infer: true });
    this.peers = config.get('peers', { infer: true });
  }

  /** The status as of `now`: heartbeat ages and the latency window are measured from it. */
  async status(now = new Date()): Promise<FederationStatus> {
    const [heartbeats, received, deadLetters, countedSince, outboxes] = await Promise.all([
      this.telemetry.latestHeartbeats(),
      this.telemetry.receivedTotals(),
      this.deadLetters.totals(),
      this.registry.installedAt(),
      this.outboxes(now),
    ]);
    const since = new Date(now.getTime() - LATENCY_WINDOW.seconds * 1000);
    const peers = await Promise.all(
      this.peers.map(async (peer): Promise<PeerStatus> => {
        const heartbeat = heartbeats.get(peer);
        const age = heartbeat && ageSeconds(heartbeat.time, now);
        const latencies = await this.telemetry.latencies(peer, since, LATENCY_WINDOW.maxSamples);
        const refused = deadLetters.filter((total) => total.peer === peer);
        const medianMs = median(latencies);
        return {
          country: peer,
          health: peerHealth(age),
          lastHeartbeat: heartbeat
            ? {
                sentAt: heartbeat.sentAt,
                receivedAt: heartbeat.receivedAt.toISOString(),
                ageSeconds: round(age!),
                emitterId: heartbeat.emitterId,
                sequence: heartbeat.sequence,
              }
            : null,
          replicationLatency: { medianSeconds: medianMs === undefined ? null : round(medianMs / 1000), samples: latencies.length },
          eventsReceived: Object.fromEntries(
            SHARED_STREAMS.map((stream) => [stream, received.find((total) => total.peer === peer && total.stream === stream)?.count ?? 0]),
          ) as Record<SharedStream, number>,
          signatureFailures: refused.find(({ reasonKind }) => reasonKind === 'untrusted')?.count ?? 0,
          deadLetters: {
            total: refused.reduce((sum, { count }) => sum + count, 0),
            byReason: Object.fromEntries(refused.map(({ reasonKind, count }) => [reasonKind, count])),
          },
        };
      }),
    );
    return {
      node: this.country,
      generatedAt: now.toISOString(),
      thresholds: HEALTH_THRESHOLDS,
      latencyWindow: LATENCY_WINDOW,
      countedSince: countedSince?.toISOString() ?? null,
      outbox: {
        pending: outboxes.reduce((sum, { pending }) => sum + pending, 0),
        oldestPendingAgeSeconds: Math.max(...outboxes.map(({ oldestPendingAgeSeconds }) => oldestPendingAgeSeconds)),
        parked: outboxes.reduce((sum, { parked }) => sum + parked, 0),
      },
      outboxes,
      peers,
    };
  }

  private outboxes(now: Date): Promise<OutboxStatus[]> {
    return Promise.all(
      this.eventStores.map(async (store) => {
        const { pending, oldestPendingAgeSeconds, parked } = await store.outboxStats(now.getTime());
        return { service: store.service, pending, oldestPendingAgeSeconds: round(oldestPendingAgeSeconds), parked };
      }),
    );
  }
}

/** Milliseconds are noise at these scales. */
function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
