import { type ConsultationData, type ContributionHiddenData, type ContributionReceivedData, EVENT_TYPES, type RemovalData } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InsightPublicationService } from './insight-publication.service';
import { InsightTalliesRepository } from './insight-tallies.repository';

const INSIGHTS = { group: 'insights', from: 'own' } as const;
const CONSULTATION_EVENT_TYPES = [EVENT_TYPES.consultationScheduled, EVENT_TYPES.consultationOpened, EVENT_TYPES.consultationClosed] as const;

/**
 * The node's consultations and contributions into the insights' tallies, from the private
 * topic: insights are computed from these events only, never from the contributions' own
 * collection. After each event the consultation's insight is published if a version is due;
 * a consultation's events and its contributions' travel under different keys, so whichever
 * arrives last finds the other.
 */
@Controller()
export class InsightTalliesProjection {
  constructor(
    private readonly tallies: InsightTalliesRepository,
    private readonly publication: InsightPublicationService,
  ) {}

  @EventPattern(CONSULTATION_EVENT_TYPES, INSIGHTS)
  async consultationChanged(@Payload() data: ConsultationData): Promise<void> {
    await this.tallies.saveConsultation(data);
    await this.publication.refresh(data.id);
  }

  @EventPattern(EVENT_TYPES.contributionReceived, INSIGHTS)
  async received(@Payload() data: ContributionReceivedData): Promise<void> {
    // Also after a redelivery: the publication may not have followed the first time.
    if ((await this.tallies.received(data)) !== 'older') await this.publication.refresh(data.consultationId);
  }

  @EventPattern(EVENT_TYPES.contributionHidden, INSIGHTS)
  async hidden(@Payload() data: ContributionHiddenData): Promise<void> {
    await this.refresh(await this.tallies.hidden(data));
  }

  @EventPattern(EVENT_TYPES.contributionErased, INSIGHTS)
  async erased(@Payload() data: RemovalData): Promise<void> {
    await this.refresh(await this.tallies.erased(data));
  }

  private async refresh(consultationId: string | undefined): Promise<void> {
    if (consultationId) await this.publication.refresh(consultationId);
  }
}
