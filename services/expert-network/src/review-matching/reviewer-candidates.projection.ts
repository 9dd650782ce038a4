import { EVENT_TYPES, type ExpertData, type RemovalData, type SharedExpertData } from '@naperj/contracts';
import { type EventContext, EventPattern, RejectEvent, type VersionedWrite } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReviewerCandidatesRepository } from './reviewer-candidates.repository';

const OWN = { group: 'reviewer-candidates', from: 'own' } as const;
const SHARED = { group: 'reviewer-candidates', from: 'shared' } as const;

/**
 * Who may review: the node's own experts from its private topic (with their account, agency
 * and consent), and partners' shared profiles under their origin (`event.source`, proved by
 * the signature). A withdrawal leaves a version floor.
 */
@Controller()
export class ReviewerCandidatesProjection {
  constructor(private readonly candidates: ReviewerCandidatesRepository) {}

  @EventPattern([EVENT_TYPES.expertRegistered, EVENT_TYPES.expertUpdated], OWN)
  async ownChanged(@Payload() data: ExpertData): Promise<void> {
    await this.candidates.saveOwn(data);
  }

  @EventPattern(EVENT_TYPES.expertWithdrawn, OWN)
  async ownWithdrawn(@Payload() data: RemovalData): Promise<void> {
    await this.candidates.removeOwn(data);
  }

  @EventPattern([EVENT_TYPES.expertRegistered, EVENT_TYPES.expertUpdated], SHARED)
  async partnerChanged(@Payload() data: SharedExpertData, @Ctx() event: EventContext): Promise<void> {
    rejectOlder(await this.candidates.savePartner(event.source, data), data);
  }

  @EventPattern(EVENT_TYPES.expertWithdrawn, SHARED)
  async partnerWithdrawn(@Payload() data: RemovalData, @Ctx() event: EventContext): Promise<void> {
    rejectOlder(await this.candidates.removePartner(event.source, data), data);
  }
}

/** A partner's older version than the one held is never applied: it goes to the DLQ, with why. */
function rejectOlder(write: VersionedWrite, { id, version }: { id: string; version: number }): void {
  if (write === 'older') throw new RejectEvent(`version ${version} of expert ${id} is older than the reviewer candidate held`);
}
