import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ExpertAccount } from './expert-account.schema';

/** Which profile an account holds on the node. */
@Injectable()
export class ExpertAccountsRepository {
  constructor(@InjectModel(ExpertAccount.name) private readonly accounts: Model<ExpertAccount>) {}

  /**
   * Claims `userId` for `expertId`. A held claim is taken over only when `released` says its
   * profile is gone (withdrawn, or never recorded); otherwise the held profile's id is returned.
   */
  async claim(userId: string, expertId: string, released: (held: ExpertAccount) => Promise<boolean>): Promise<{ held?: string }> {
    const claim = { _id: userId, expertId, claimedAt: new Date() };
    try {
      await this.accounts.create(claim);
      return {};
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const held = await this.accounts.findById(userId).lean<ExpertAccount>();
    if (!held || !(await released(held))) return { held: held?.expertId ?? 'unknown' };
    // Compare-and-set on the profile read: of two registrations taking over, one wins.
    const swapped = await this.accounts.replaceOne({ _id: userId, expertId: held.expertId }, claim);
    return swapped.matchedCount === 1 ? {} : { held: held.expertId };
  }
}
