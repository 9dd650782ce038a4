import type { EncryptedValue } from '@naperj/service-kit';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ContributionSource, ContributionStatus, NewContribution } from './contribution.rules';

/**
 * A contribution as the node keeps it. Its events carry only tags and consent; what a person
 * said or is lives here alone, sealed with the node's key, so erasing this document erases it
 * (events are copied into other services and backups, this collection is not).
 */
@Schema({ collection: 'contributions', versionKey: false })
export class Contribution {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) consultationId!: string;
  /** The version of its latest event. */
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) status!: ContributionStatus;
  @Prop({ type: [String], required: true }) themes!: string[];
  @Prop({ type: [String], required: true }) actionAreas!: string[];
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) consent!: NewContribution['consent'];
  @Prop({ type: String, required: true }) source!: ContributionSource;
  @Prop({ type: String }) enteredBy?: string;
  @Prop({ type: Date, required: true }) receivedAt!: Date;
  /** Set while there is testimony to erase; the retention job finds it by this field. */
  @Prop({ type: Date }) eraseAfter?: Date;
  /** SHA-256 of the receipt code; the code itself is never stored. */
  @Prop({ type: String, required: true }) receiptHash!: string;
  /** `{text, language, demographics?}` as JSON, sealed. */
  @Prop({ type: MongooseSchema.Types.Mixed }) testimony?: EncryptedValue;
  /** `{email?, phone?}` as JSON, sealed. */
  @Prop({ type: MongooseSchema.Types.Mixed }) contact?: EncryptedValue;
  @Prop({ type: Date }) testimonyErasedAt?: Date;
  @Prop({ type: Date }) hiddenAt?: Date;
  @Prop({ type: String }) hiddenReason?: string;
  @Prop({ type: String }) hiddenBy?: string;
}

export const ContributionSchema = SchemaFactory.createForClass(Contribution);
ContributionSchema.index({ consultationId: 1, receivedAt: -1, _id: -1 });
ContributionSchema.index({ eraseAfter: 1 });
