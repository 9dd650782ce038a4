import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A submission whose reviewers matching assigned, and whether their reviews are still open:
 * from its assignment until the submission leaves `submitted`. The experts' open reviews are
 * counted from these.
 */
@Schema({ collection: 'review_workloads', versionKey: false })
export class ReviewWorkload {
  /** The submission's id. */
  @Prop({ type: String, required: true }) _id!: string;
  /** The latest version of the submission applied: the guard against older events. */
  @Prop({ type: Number, required: true }) submissionVersion!: number;
  @Prop({ type: Boolean, required: true }) open!: boolean;
  /** The candidate keys (`reviewer_candidates` ids) of the reviewers of its latest assignment. */
  @Prop({ type: [String], required: true }) reviewers!: string[];
}

export const ReviewWorkloadSchema = SchemaFactory.createForClass(ReviewWorkload);
