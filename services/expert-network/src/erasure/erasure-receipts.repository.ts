import type { CountryCode } from '@naperj/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ErasureReceipt } from './erasure.bookkeeping';
import { ErasureReceiptRecord } from './erasure-receipt.schema';

/** The erasure receipts partners sent for the node's own experts. */
@Injectable()
export class ErasureReceiptsRepository {
  constructor(@InjectModel(ErasureReceiptRecord.name) private readonly receipts: Model<ErasureReceiptRecord>) {}

  /** Keeps the first receipt of `country` for the withdrawal: a redelivered one changes nothing. */
  async record(expertId: string, version: number, country: CountryCode, erasedAt: string, receivedAt: Date): Promise<void> {
    try {
      await this.receipts.create({ _id: `${expertId}:${version}:${country}`, expertId, version, country, erasedAt, receivedAt });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  async of(expertId: string, version: number): Promise<ErasureReceipt[]> {
    const records = await this.receipts.find({ expertId, version }).lean<ErasureReceiptRecord[]>();
    return records.map(({ country, erasedAt, receivedAt }) => ({ country, erasedAt, receivedAt: receivedAt.toISOString() }));
  }
}
