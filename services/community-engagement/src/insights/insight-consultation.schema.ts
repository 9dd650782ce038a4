import type { ActionArea, ConsultationStatus, ConsultationTheme, Language, TrilingualTitle } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** What the insights need of one of the node's consultations, from its events on the private topic. */
@Schema({ collection: 'insight_consultations', versionKey: false })
export class InsightConsultationEntry {
  /** The consultation's id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) status!: ConsultationStatus;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) title!: TrilingualTitle;
  @Prop({ type: String, required: true }) originalLanguage!: Language;
  @Prop({ type: [String], required: true }) actionAreas!: ActionArea[];
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) themes!: ConsultationTheme[];
  @Prop({ type: String }) closedAt?: string;
}

export const InsightConsultationEntrySchema = SchemaFactory.createForClass(InsightConsultationEntry);
