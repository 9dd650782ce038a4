import type { ActionArea, CountryCode, InsightData } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * The latest published version of one insight, the node's own or a partner's, as lists read
 * it. Keyed `<country>:<consultationId>`, the country being the one whose topic carried it,
 * so no partner's insight can take the place of an own one or of another partner's.
 */
@Schema({ collection: 'insights', versionKey: false })
export class InsightListing {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) country!: CountryCode;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) consultationId!: string;
  @Prop({ type: [String], required: true }) actionAreas!: ActionArea[];
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) view!: InsightData;
}

export const InsightListingSchema = SchemaFactory.createForClass(InsightListing);
InsightListingSchema.index({ consultationId: -1, _id: -1 });
