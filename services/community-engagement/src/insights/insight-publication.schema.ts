import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What the latest published version of a consultation's insight was computed from: the
 * consented contributions that had arrived and departed then. Recorded after the version's
 * event, so it may lag it by one version after a crash (see `publicationDue`).
 */
@Schema({ collection: 'insight_publications', versionKey: false })
export class InsightPublication {
  /** The consultation's id. */
  @Prop({ type: String, required: true }) _id!: string;
  /** The insight's version these counts belong to. */
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: Number, required: true }) arrived!: number;
  @Prop({ type: Number, required: true }) departed!: number;
}

export const InsightPublicationSchema = SchemaFactory.createForClass(InsightPublication);
