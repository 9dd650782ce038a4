import type { AssignedReviewer } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** The reviewers expert-network matched to one submission (`org.naperj.review.assigned.v1`). */
@Schema({ collection: 'review_assignments', versionKey: false })
export class ReviewAssignment {
  /** The submission's id. */
  @Prop({ type: String, required: true }) _id!: string;
  /** The assignment event's subject and version: the guard against older events. */
  @Prop({ type: String, required: true }) assignmentId!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: Number, required: true }) submissionVersion!: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) reviewers!: AssignedReviewer[];
  /** The reviewers' accounts, for "assigned to me" queries. */
  @Prop({ type: [String], required: true }) userIds!: string[];
  @Prop({ type: String, required: true }) assignedAt!: string;
}

export const ReviewAssignmentSchema = SchemaFactory.createForClass(ReviewAssignment);
