import type { ActionArea, CountryCode } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An expert as reviewer matching sees one: the node's own experts from its private topic, and
 * partners' shared profiles. Matching keeps its own copy so it depends on no other feature's
 * collections.
 */
@Schema({ collection: 'reviewer_candidates', versionKey: false })
export class ReviewerCandidateEntry {
  /** An own expert's id; a partner's is `<country>:<id>`, so the two never collide. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) origin!: 'own' | 'partner';
  @Prop({ type: String, required: true }) expertId!: string;
  @Prop({ type: String, required: true }) country!: CountryCode;
  @Prop({ type: Number, required: true }) version!: number;
  /** Consented to review: own experts' `consent.review`, partners' `reviews`. */
  @Prop({ type: Boolean, required: true }) reviews!: boolean;
  @Prop({ type: [String], default: undefined }) actionAreas?: ActionArea[];
  /** BCP 47 tags. */
  @Prop({ type: [String], default: undefined }) languages?: string[];
  /** Own experts only. */
  @Prop({ type: String }) userId?: string;
  @Prop({ type: String }) agency?: string;
  /** Withdrawn: a marker (no content) holding the version, so a late older copy cannot bring it back. */
  @Prop({ type: Boolean }) removed?: boolean;
}

export const ReviewerCandidateEntrySchema = SchemaFactory.createForClass(ReviewerCandidateEntry);
