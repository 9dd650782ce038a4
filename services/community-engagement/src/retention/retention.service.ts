import { Injectable, Logger } from '@nestjs/common';
import { ContributionsRepository } from '../contributions/contributions.repository';

/** Contributions erased per query, so one run never holds a large batch in memory. */
const BATCH_SIZE = 200;

/**
 * Testimony is kept at most TESTIMONY_RETENTION_DAYS: each contribution carries its
 * `eraseAfter`, and this erases the text, language, demographics and contact of those past
 * it. FerretDB has no TTL index, so an indexed query does it in batches. The tags and
 * consent stay, with no event: the insights counted tags, never text, and do not change.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(private readonly contributions: ContributionsRepository) {}

  /** How many contributions lost their testimony. */
  async eraseExpired(now: Date): Promise<number> {
    let erased = 0;
    for (;;) {
      const due = await this.contributions.expired(now, BATCH_SIZE);
      if (due.length > 0) erased += await this.contributions.eraseTestimony(due, now);
      if (due.length < BATCH_SIZE) break;
    }
    if (erased > 0) this.logger.log({ erased }, 'Erased testimony past its retention period');
    return erased;
  }
}
