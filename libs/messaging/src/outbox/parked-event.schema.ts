import { type Connection, type Model, Schema } from 'mongoose';

/**
 * An event Kafka can never take (too large for a topic, or its records refused): kept out
 * of the outbox so it blocks nothing, with the reason, for an operator to look at.
 */
export interface ParkedEventDocument {
  /** The event's `_id`. */
  _id: string;
  subject: string;
  version: number;
  /** The event's. */
  recordedAt: Date;
  parkedAt: Date;
  reason: string;
}

const parkedEventSchema = new Schema<ParkedEventDocument>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    version: { type: Number, required: true },
    recordedAt: { type: Date, required: true },
    parkedAt: { type: Date, required: true },
    reason: { type: String, required: true },
  },
  { versionKey: false, autoIndex: false, autoCreate: false },
);

export function parkedEventModel(connection: Connection, collection: string): Model<ParkedEventDocument> {
  const name = `Parked:${collection}`;
  return (connection.models[name] as Model<ParkedEventDocument> | undefined) ?? connection.model<ParkedEventDocument>(name, parkedEventSchema, collection);
}
