import { writeForward } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ReviewWorkload } from './review-workload.schema';

/** The open reviews of each expert, kept per submission; a write applies only to a newer submission version. */
@Injectable()
export class ReviewWorkloadsRepository {
  constructor(@InjectModel(ReviewWorkload.name) private readonly workloads: Model<ReviewWorkload>) {}

  /** Open reviews per candidate key, those of `submissionId` left out: it is the one being matched. */
  async openReviews(submissionId: string): Promise<Map<string, number>> {
    const open = await this.workloads.find({ open: true }, { reviewers: 1 }).lean<Pick<ReviewWorkload, '_id' | 'reviewers'>[]>();
    const counts = new Map<string, number>();
    for (const { _id, reviewers } of open) {
      if (_id === submissionId) continue;
      for (const reviewer of reviewers) counts.set(reviewer, (counts.get(reviewer) ?? 0) + 1);
    }
    return counts;
  }

  /** The reviewers assigned to `submissionVersion`, open until the submission leaves `submitted`. */
  assigned(submissionId: string, submissionVersion: number, reviewers: string[]): Promise<void> {
    return this.advance(submissionId, submissionVersion, () => ({ open: true, reviewers }));
  }

  /** A later version of the submission: its reviews stay open only while it is `submitted`. */
  changed(submissionId: string, submissionVersion: number, open: boolean): Promise<void> {
    return this.advance(submissionId, submissionVersion, (held) => ({ open, reviewers: held?.reviewers ?? [] }));
  }

  private async advance(
    _id: string,
    submissionVersion: number,
    next: (held: ReviewWorkload | null) => Pick<ReviewWorkload, 'open' | 'reviewers'>,
  ): Promise<void> {
    await writeForward<ReviewWorkload>({
      read: () => this.workloads.findById(_id).lean<ReviewWorkload>(),
      isAhead: (held) => held.submissionVersion < submissionVersion,
      insert: () => this.workloads.create({ _id, submissionVersion, ...next(null) }),
      swap: async (held) =>
        (await this.workloads.replaceOne({ _id, submissionVersion: held.submissionVersion }, { _id, submissionVersion, ...next(held) })).matchedCount === 1,
    });
  }
}
