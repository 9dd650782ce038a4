import type { ActionArea } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Where a contribution stands for the insights: received, hidden by moderation, or erased. */
export type InsightContributionState = 'received' | 'hidden' | 'erased';

/**
 * One contribution as the insights count it, keyed by its id, so a redelivered event counts it
 * once. Its themes and action areas are kept only while it is received and consented to
 * anonymized sharing; a hidden or erased one stays as a marker holding its version, so an older
 * event cannot count it again, and as a departure the publication policy counts.
 */
@Schema({ collection: 'insight_contributions', versionKey: false })
export class InsightContribution {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) state!: InsightContributionState;
  /** Unknown for an erasure of a contribution the insights never received. */
  @Prop({ type: String }) consultationId?: string;
  /** The contributor agreed to be counted in anonymized, shared insights. */
  @Prop({ type: Boolean }) shares?: boolean;
  /** Sorted, so contributions with the same ones are counted as one group. */
  @Prop({ type: [String], default: undefined }) themes?: string[];
  @Prop({ type: [String], default: undefined }) actionAreas?: ActionArea[];
}

export const InsightContributionSchema = SchemaFactory.createForClass(InsightContribution);
InsightContributionSchema.index({ consultationId: 1 });
