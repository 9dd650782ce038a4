import { MetricsRegistry } from '@naperj/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import type { PeerHealth } from './federation-health';
import { type FederationStatus, FederationStatusService } from './federation-status.service';

const HEALTH_VALUES: Record<PeerHealth, number> = { green: 0, amber: 1, red: 2 };

/** One status serves every gauge of a scrape. */
const SNAPSHOT_TTL_MS = 1000;

/**
 * The federation status as Prometheus gauges on the kit's registry, read from the database
 * when `/metrics` is scraped. A scrape while the database is down keeps the last values
 * rather than failing the whole exposition.
 */
@Injectable()
export class FederationMetrics {
  private readonly logger = new Logger(FederationMetrics.name);
  private snapshot?: { at: number; status: Promise<FederationStatus | undefined> };

  constructor(
    private readonly federation: FederationStatusService,
    metrics: MetricsRegistry,
  ) {
    const perPeer = (name: string, help: string, value: (peer: FederationStatus['peers'][number]) => number | null | undefined) =>
      this.gauge(metrics.gauge({ name, help, labelNames: ['peer'] }), (gauge, status) => {
        for (const peer of status.peers) {
          const current = value(peer);
          if (current === null || current === undefined) gauge.remove({ peer: peer.country });
          else gauge.set({ peer: peer.country }, current);
        }
      });
    perPeer(
      'naperj_federation_peer_health',
      'Health of each partner: 0 green, 1 amber, 2 red (by the age of its newest heartbeat)',
      ({ health }) => HEALTH_VALUES[health],
    );
    perPeer(
      'naperj_federation_heartbeat_age_seconds',
      "Age of the partner's newest heartbeat (now − its ce_time)",
      ({ lastHeartbeat }) => lastHeartbeat?.ageSeconds,
    );
    perPeer(
      'naperj_federation_replication_latency_seconds',
      'Median receive time − ce_time of the partner’s recent events and heartbeats',
      ({ replicationLatency }) => replicationLatency.medianSeconds,
    );
    perPeer(
      'naperj_federation_signature_failures',
      "Partner's messages refused for their source or signature, each counted once",
      ({ signatureFailures }) => signatureFailures,
    );
    perPeer(
      'naperj_federation_dead_letters',
      "Partner's messages a consumer group of this node dead-lettered, each counted once",
      ({ deadLetters }) => deadLetters.total,
    );
    this.gauge(
      metrics.gauge({ name: 'naperj_federation_events_received', help: 'Events received from each partner, by shared stream', labelNames: ['peer', 'stream'] }),
      (gauge, status) => {
        for (const peer of status.peers) {
          for (const [stream, count] of Object.entries(peer.eventsReceived)) gauge.set({ peer: peer.country, stream }, count);
        }
      },
    );
  }

  private gauge<L extends string>(gauge: Gauge<L>, update: (gauge: Gauge<L>, status: FederationStatus) => void): void {
    // prom-client calls `collect` before each scrape. Set here rather than at registration: the
    // registry is the process's and hands back a gauge registered before, which this instance takes over.
    Object.assign(gauge, {
      collect: async () => {
        const status = await this.current();
        if (status) update(gauge, status);
      },
    });
  }

  private current(): Promise<FederationStatus | undefined> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > SNAPSHOT_TTL_MS) {
      this.snapshot = {
        at: now,
        status: this.federation.status().catch((error: unknown) => {
          this.logger.warn(`Federation metrics not updated: ${(error as Error).message}`);
          return undefined;
        }),
      };
    }
    return this.snapshot.status;
  }
}
