import { EVENT_TYPES, type RemovalData, SUBMISSION_STATE_EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CatalogRepository } from './catalog.repository';

const OWN_CATALOG = { group: 'own-catalog', from: 'own' } as const;

/**
 * The node's own submissions into the catalog, from its private topic: the one path that
 * writes an own submission's entry. Lists follow the event shortly after it is recorded;
 * `GET` of an own submission and every command read the event store, so they never lag.
 */
@Controller()
export class OwnCatalogProjection {
  constructor(private readonly catalog: CatalogRepository) {}

  @EventPattern(SUBMISSION_STATE_EVENT_TYPES, OWN_CATALOG)
  async changed(@Payload() data: SubmissionData): Promise<void> {
    await this.catalog.saveOwn(data);
  }

  @EventPattern(EVENT_TYPES.submissionWithdrawn, OWN_CATALOG)
  async withdrawn(@Payload() data: RemovalData): Promise<void> {
    await this.catalog.withdrawOwn(data);
  }
}
