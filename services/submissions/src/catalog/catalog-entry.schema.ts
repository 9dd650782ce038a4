import type { CountryCode, SharedSubmissionData, SubmissionData, SubmissionStatus } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** Whose submission an entry is: this node's own, or a partner's published one. */
export type CatalogOrigin = 'own' | 'peer';

/**
 * One submission as this node lists it: its own submissions with their full internal view,
 * and partners' published ones with their shareable view. The filterable fields sit beside
 * the view, so a listing is one query (FerretDB: no `$lookup`, no `$text`).
 */
@Schema({ collection: 'catalog', versionKey: false })
export class CatalogEntry {
  /** An own submission's id; a partner's is `<country>:<id>` (`peerEntryId`), so the two never collide. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) origin!: CatalogOrigin;
  @Prop({ type: String, required: true }) country!: CountryCode;
  @Prop({ type: Number, required: true }) version!: number;
  /** `published` for every partner's entry. */
  @Prop({ type: String, required: true }) status!: SubmissionStatus;
  @Prop({ type: String }) agency?: string;
  @Prop({ type: String }) kind?: string;
  @Prop({ type: [String], default: undefined }) actionAreas?: string[];
  @Prop({ type: [String], default: undefined }) sdgTargets?: string[];
  /** ISO 8601 UTC with milliseconds: sorts as the time it names. */
  @Prop({ type: String }) createdAt?: string;
  @Prop({ type: [String], default: undefined }) searchTokens?: string[];
  /** Withdrawn: kept as a marker (no content) holding the version, so a late older copy cannot bring it back. */
  @Prop({ type: Boolean }) removed?: boolean;
  /** The event payload the entry was built from. */
  @Prop({ type: MongooseSchema.Types.Mixed }) view?: SubmissionData | SharedSubmissionData;
}

export const CatalogEntrySchema = SchemaFactory.createForClass(CatalogEntry);
