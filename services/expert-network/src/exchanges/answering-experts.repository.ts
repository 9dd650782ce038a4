import type { ExpertData } from '@naperj/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ExpertAccount } from '../experts/expert-account.schema';
import { ExpertEventsRepository } from '../experts/expert-events.repository';

/**
 * Whom an account answers as: its expert profile on this node, read from the experts' event
 * store (an expert who has just registered may answer at once).
 */
@Injectable()
export class AnsweringExpertsRepository {
  constructor(
    @InjectModel(ExpertAccount.name) private readonly accounts: Model<ExpertAccount>,
    private readonly experts: ExpertEventsRepository,
  ) {}

  /**
   * The account's profile when it is registered, not withdrawn and shared with the directory:
   * an answer names the expert by that public profile, and partners know them by nothing else.
   */
  async sharedProfileOf(userId: string): Promise<ExpertData | undefined> {
    const account = await this.accounts.findById(userId).lean<ExpertAccount>();
    const expert = account && (await this.experts.current(account.expertId));
    if (!expert || expert.withdrawn || expert.data.userId !== userId || !expert.data.consent.shareProfile) return undefined;
    return expert.data;
  }
}
