import { type ConsultationData, EVENT_TYPES } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConsultationListingsRepository } from './consultation-listings.repository';

const CONSULTATION_EVENT_TYPES = [EVENT_TYPES.consultationScheduled, EVENT_TYPES.consultationOpened, EVENT_TYPES.consultationClosed] as const;

/**
 * The node's consultations into their listing, from its private topic: the one path that
 * writes it. `GET …/{id}` and every command read the event store, so they never lag.
 */
@Controller()
export class ConsultationListingsProjection {
  constructor(private readonly listings: ConsultationListingsRepository) {}

  @EventPattern(CONSULTATION_EVENT_TYPES, { group: 'consultations', from: 'own' })
  async changed(@Payload() data: ConsultationData): Promise<void> {
    await this.listings.save(data);
  }
}
