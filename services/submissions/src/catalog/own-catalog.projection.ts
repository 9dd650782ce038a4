import { EVENT_TYPES, type RemovalData, SUBMISSION_STATE_EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import { type CloudEvent, OnEvent } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';

/**
 * The node's own submissions into the catalog, from its private topic. A use case already
 * wrote each change itself; this repairs the catalog when the process stopped between
 * recording an event and writing the entry. Older versions are expected here and skipped.
 */
@Injectable()
export class OwnCatalogProjection {
  constructor(private readonly catalog: CatalogRepository) {}

  @OnEvent(SUBMISSION_STATE_EVENT_TYPES, { from: 'private' })
  async changed({ data }: CloudEvent<SubmissionData>): Promise<void> {
    await this.catalog.saveOwn(data);
  }

  @OnEvent(EVENT_TYPES.submissionWithdrawn, { from: 'private' })
  async withdrawn({ data }: CloudEvent<RemovalData>): Promise<void> {
    await this.catalog.withdrawOwn(data);
  }
}
