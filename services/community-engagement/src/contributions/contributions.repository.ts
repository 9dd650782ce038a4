import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { type PagePosition, newestFirstAfter } from '@naperj/service-kit';
import { Contribution } from './contribution.schema';

/** The node's contributions: the one place their personal content is kept. */
@Injectable()
export class ContributionsRepository {
  constructor(@InjectModel(Contribution.name) private readonly contributions: Model<Contribution>) {}

  async insert(contribution: Contribution): Promise<void> {
    await this.contributions.create(contribution);
  }

  find(id: string): Promise<Contribution | null> {
    return this.contributions.findById(id).lean<Contribution>();
  }

  /** `limit + 1` contributions to a consultation after `after`, newest first. */
  list(consultationId: string, limit: number, after?: PagePosition): Promise<Contribution[]> {
    const filter: QueryFilter<Contribution> = { consultationId };
    if (after) {
      Object.assign(
        filter,
        newestFirstAfter('receivedAt', after, (at) => new Date(at)),
      );
    }
    return this.contributions
      .find(filter)
      .sort({ receivedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<Contribution[]>();
  }

  async hide(
    id: string,
    version: number,
    { hiddenAt, hiddenReason, hiddenBy }: Required<Pick<Contribution, 'hiddenAt' | 'hiddenReason' | 'hiddenBy'>>,
  ): Promise<void> {
    await this.contributions.updateOne({ _id: id }, { $set: { status: 'hidden', version, hiddenAt, hiddenReason, hiddenBy } });
  }

  /** The whole document goes: text, contact, demographics, receipt hash. */
  async delete(id: string): Promise<void> {
    await this.contributions.deleteOne({ _id: id });
  }

  /** Ids of up to `limit` contributions whose testimony is due for erasure at `now`. */
  async expired(now: Date, limit: number): Promise<string[]> {
    const due = await this.contributions
      .find({ eraseAfter: { $lte: now } }, { _id: 1 })
      .sort({ eraseAfter: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return due.map(({ _id }) => _id);
  }

  /**
   * Erases the testimony, demographics and contact of these contributions; their tags and
   * consent stay, so what they counted for does not change.
   */
  async eraseTestimony(ids: string[], now: Date): Promise<number> {
    const { modifiedCount } = await this.contributions.updateMany(
      { _id: { $in: ids }, eraseAfter: { $lte: now } },
      { $unset: { testimony: 1, contact: 1, eraseAfter: 1 }, $set: { testimonyErasedAt: now } },
    );
    return modifiedCount;
  }
}
