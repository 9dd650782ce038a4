import type { ConsultationData, ConsultationStatus } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * One consultation of the node as lists and the schedule read it, fed by its events on the
 * private topic. The fields filtered and sorted on sit beside the view.
 */
@Schema({ collection: 'consultations', versionKey: false })
export class ConsultationListing {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) status!: ConsultationStatus;
  /** ISO 8601 UTC with milliseconds: these sort and compare as the times they name. */
  @Prop({ type: String, required: true }) createdAt!: string;
  @Prop({ type: String, required: true }) opensAt!: string;
  @Prop({ type: String }) closesAt?: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) view!: ConsultationData;
}

export const ConsultationListingSchema = SchemaFactory.createForClass(ConsultationListing);
ConsultationListingSchema.index({ createdAt: -1, _id: -1 });
ConsultationListingSchema.index({ status: 1, opensAt: 1 });
ConsultationListingSchema.index({ status: 1, closesAt: 1 });
