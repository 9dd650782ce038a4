import { EVENT_TYPES, type RemovalData, SUBMISSION_STATE_EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CatalogRepository } from './catalog.repository';

const OWN_CATALOG = { group: 'own-catalog', from: 'own' } as const;

/**
 * The node's own submissions into the catalog, from its private topic. A use case already
 * wrote each change itself; this repairs the catalog when the process stopped between
 * recording an event and writing the entry. Older versions are expected here and skipped.
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
