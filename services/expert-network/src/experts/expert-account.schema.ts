import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One profile per account on the node: the unique `_id` decides between two registrations. */
@Schema({ collection: 'expert_accounts', versionKey: false })
export class ExpertAccount {
  /** The account (`sub`). */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) expertId!: string;
  @Prop({ type: Date, required: true }) claimedAt!: Date;
}

export const ExpertAccountSchema = SchemaFactory.createForClass(ExpertAccount);
