import { type CountryCode, EVENT_TYPES, type InsightData } from '@naperj/contracts';
import { EventStore, type RecordedEvent, VersionConflictError } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InsightTalliesRepository } from './insight-tallies.repository';
import { deliveriesOf } from './insight.deliveries';
import { type LastPublication, publicationDue } from './insight.publication';
import { suppress } from './insight.suppression';
import { tabulate } from './insight.tally';
import { insightIdOf, insightOf, publishedHistory } from './insight.view';

/** Replicas deciding at once: the loser reads the winner's version and decides again, this many times at most. */
const ATTEMPTS = 3;

/**
 * Publishes a consultation's insight when a new version is due. The decision is the insert of
 * the version's event: two replicas, or two partitions of one, never publish the same version
 * twice, and the event store's versions are the insight's.
 */
@Injectable()
export class InsightPublicationService {
  private readonly country: CountryCode;

  constructor(
    config: ConfigService<ServiceConfig, true>,
    private readonly events: EventStore,
    private readonly tallies: InsightTalliesRepository,
  ) {
    this.country = config.get('country', { infer: true });
  }

  /** Publishes the next version if one is due now; a no-op otherwise, so any event may call it again. */
  async refresh(consultationId: string): Promise<InsightData | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.publishIfDue(consultationId);
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async publishIfDue(consultationId: string): Promise<InsightData | undefined> {
    const consultation = await this.tallies.consultation(consultationId);
    if (!consultation) return undefined;
    const subject = insightIdOf(consultationId);
    const [latest] = await this.events.latest(subject);
    const last = latest && (await this.lastPublication(consultationId, latest));
    const { profiles, arrivals } = await this.tallies.count(consultationId);
    if (last && !last.basis) {
      await this.tallies.recordBasis(consultationId, last.version, arrivals);
      return undefined;
    }
    if (!publicationDue(consultation.status === 'closed', arrivals, last)) return undefined;
    const tally = tabulate(
      consultation.themes.map(({ key }) => key),
      consultation.actionAreas,
      profiles,
    );
    const earlier = (await this.events.eventsOf(subject)).map(insightIn);
    const version = (last?.version ?? 0) + 1;
    const insight = insightOf(consultation, suppress(tally, publishedHistory(earlier)), {
      country: this.country,
      version,
      computedAt: new Date().toISOString(),
    });
    await this.events.append({ subject, version, type: EVENT_TYPES.insightPublished, deliveries: deliveriesOf(insight) });
    await this.tallies.recordBasis(consultationId, version, arrivals);
    return insight;
  }

  private async lastPublication(consultationId: string, latest: RecordedEvent): Promise<LastPublication> {
    const basis = await this.tallies.basis(consultationId);
    const closed = insightIn(latest).closedAt !== undefined;
    return basis?.version === latest.version
      ? { version: latest.version, closed, basis: { arrived: basis.arrived, departed: basis.departed } }
      : { version: latest.version, closed };
  }
}

/** Every version's first delivery is its private view (insight.deliveries.ts). */
function insightIn(event: RecordedEvent): InsightData {
  return event.deliveries[0]!.data as InsightData;
}
