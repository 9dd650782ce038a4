import type { EncryptedValue } from '@naperj/service-kit';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * An expert's contact, sealed with the node's data key (AES-256-GCM, bound to the expert's
 * id): it is in no event and leaves the node never. Erased with the profile's withdrawal.
 */
@Schema({ collection: 'expert_contacts', versionKey: false })
export class ExpertContactRecord {
  /** The expert's id. */
  @Prop({ type: String, required: true }) _id!: string;
  /** The expert's version that set it: an older write never replaces a newer one. */
  @Prop({ type: Number, required: true }) version!: number;
  /** The JSON of `{email, phone?}`, encrypted. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) sealed!: EncryptedValue;
}

export const ExpertContactRecordSchema = SchemaFactory.createForClass(ExpertContactRecord);
