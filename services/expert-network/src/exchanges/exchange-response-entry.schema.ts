import type { CountryCode, ExchangeResponseData, SharedExchangeResponseData } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ExchangeOrigin } from './exchange-entry.schema';

/**
 * One answer as this node knows it: its own experts' (to any country's exchange) and the
 * partners' (to the node's own exchanges, or to another partner's). Answers never change:
 * each is the first and only version of its subject.
 */
@Schema({ collection: 'exchange_responses', versionKey: false })
export class ExchangeResponseEntry {
  /** An own answer's id; a partner's is `<country>:<id>`, so the two never collide. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) origin!: ExchangeOrigin;
  /** The answering country: the origin's, never the data's. */
  @Prop({ type: String, required: true }) country!: CountryCode;
  @Prop({ type: Number, required: true }) version!: number;
  /** The exchange answered, as `<exchangeCountry>:<exchangeId>`: the node's own exchanges too. */
  @Prop({ type: String, required: true, index: true }) exchangeKey!: string;
  @Prop({ type: String, required: true }) createdAt!: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) view!: ExchangeResponseData | SharedExchangeResponseData;
}

export const ExchangeResponseEntrySchema = SchemaFactory.createForClass(ExchangeResponseEntry);
