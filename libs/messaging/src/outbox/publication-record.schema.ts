import { type Connection, type Model, Schema } from 'mongoose';

/**
 * The relay is done with an event: its deliveries are in Kafka, or it is parked. Written
 * before the event's outbox entry is deleted, so every recorded event always has an entry
 * or a record; the sweep republishes one that has neither. Records older than the sweep's
 * window are deleted, so the collection stays small.
 */
export interface PublicationRecordDocument {
  /** The event's `_id`. */
  _id: string;
  subject: string;
  version: number;
  /** The event's. */
  recordedAt: Date;
}

const publicationRecordSchema = new Schema<PublicationRecordDocument>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    version: { type: Number, required: true },
    recordedAt: { type: Date, required: true },
  },
  { versionKey: false, autoIndex: false, autoCreate: false },
);

export function publicationRecordModel(connection: Connection, collection: string): Model<PublicationRecordDocument> {
  const name = `Published:${collection}`;
  return (
    (connection.models[name] as Model<PublicationRecordDocument> | undefined) ??
    connection.model<PublicationRecordDocument>(name, publicationRecordSchema, collection)
  );
}
