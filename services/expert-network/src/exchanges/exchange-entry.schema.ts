import type { CountryCode, ExchangeData, ExchangeStatus, SharedExchangeData } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** Where an entry came from: the node's private topic, or a partner's shared exchanges topic. */
export type ExchangeOrigin = 'own' | 'shared';

/**
 * One exchange as this node lists it: its own with their full internal view, partners' with
 * their shareable view. The filterable fields sit beside the view, so a listing is one query.
 */
@Schema({ collection: 'exchanges', versionKey: false })
export class ExchangeEntry {
  /** An own exchange's id; a partner's is `<country>:<id>`, so the two never collide. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) origin!: ExchangeOrigin;
  /** The asking country: the origin's, never the data's. */
  @Prop({ type: String, required: true }) country!: CountryCode;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) status!: ExchangeStatus;
  @Prop({ type: [String], default: undefined }) actionAreas?: string[];
  /** ISO 8601 UTC with milliseconds: sorts as the time it names. */
  @Prop({ type: String, required: true }) createdAt!: string;
  /** The event payload the entry was built from. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) view!: ExchangeData | SharedExchangeData;
}

export const ExchangeEntrySchema = SchemaFactory.createForClass(ExchangeEntry);
