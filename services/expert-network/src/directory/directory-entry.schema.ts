import type { CountryCode, ExpertData, SharedExpertData } from '@naperj/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** Where an entry came from: the node's private topic, or a partner's shared experts topic. */
export type DirectoryOrigin = 'own' | 'shared';

/**
 * One expert as this node lists them: its own experts with their full internal view (no
 * contact: that is in no event), and partners' consented public profiles. The filterable
 * fields sit beside the view, so a listing is one query (FerretDB: no `$lookup`, no `$text`).
 */
@Schema({ collection: 'expert_directory', versionKey: false })
export class DirectoryEntry {
  /** An own expert's id; a partner's is `<country>:<id>`, so the two never collide. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) origin!: DirectoryOrigin;
  @Prop({ type: String, required: true }) country!: CountryCode;
  /** The expert's own id, as its node names it. */
  @Prop({ type: String, required: true }) expertId!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: [String], default: undefined }) actionAreas?: string[];
  /** Each language tag in lower case, and its primary subtag: `es` finds `es-MX` too. */
  @Prop({ type: [String], default: undefined }) languageKeys?: string[];
  /** ISO 8601 UTC with milliseconds: sorts as the time it names. */
  @Prop({ type: String }) createdAt?: string;
  @Prop({ type: [String], default: undefined }) searchTokens?: string[];
  /**
   * Withdrawn (or a partner's profile no longer shared): kept as a marker without content
   * holding the version, so a late older copy cannot bring it back.
   */
  @Prop({ type: Boolean }) removed?: boolean;
  /** The event payload the entry was built from. */
  @Prop({ type: MongooseSchema.Types.Mixed }) view?: ExpertData | SharedExpertData;
}

export const DirectoryEntrySchema = SchemaFactory.createForClass(DirectoryEntry);
