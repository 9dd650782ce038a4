import type { CountryCode } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A partner's erasure receipt for an own expert's withdrawal; `_id` `<expertId>:<version>:<country>` keeps one per partner and withdrawal. */
@Schema({ collection: 'expert_erasure_receipts', versionKey: false })
export class ErasureReceiptRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) expertId!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) country!: CountryCode;
  @Prop({ type: String, required: true }) erasedAt!: string;
  @Prop({ type: Date, required: true }) receivedAt!: Date;
}

export const ErasureReceiptRecordSchema = SchemaFactory.createForClass(ErasureReceiptRecord);
ErasureReceiptRecordSchema.index({ expertId: 1, version: 1 });
