import { type Connection, type Model, Schema } from 'mongoose';

/**
 * An event waiting for publication, in a collection that holds only those. It is written
 * just before its event, shares the event's `_id`, and is deleted once the event's
 * deliveries are in Kafka. An entry whose event never got recorded (the append lost its
 * race, or its process died in between) is skipped, and voided after a while.
 */
export interface OutboxEntryDocument {
  /** The event's `_id`. */
  _id: string;
  subject: string;
  version: number;
  recordedAt: Date;
}

const outboxEntrySchema = new Schema<OutboxEntryDocument>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    version: { type: Number, required: true },
    recordedAt: { type: Date, required: true },
  },
  { versionKey: false, autoIndex: false, autoCreate: false },
);
// The relay reads entries in this order; a lost append leaves a second entry of a version.
outboxEntrySchema.index({ subject: 1, version: 1 });

export function outboxEntryModel(connection: Connection, collection: string): Model<OutboxEntryDocument> {
  const name = `Outbox:${collection}`;
  return (connection.models[name] as Model<OutboxEntryDocument> | undefined) ?? connection.model<OutboxEntryDocument>(name, outboxEntrySchema, collection);
}
