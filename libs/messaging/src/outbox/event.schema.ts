import type { DataClassification } from '@naperj/contracts';
import { type Connection, type Model, Schema } from 'mongoose';

/** One Kafka message an event produces, as stored. */
export interface DeliveryDocument {
  /** The message's `ce_id` (UUIDv7): the same on every re-publication. */
  id: string;
  topic: string;
  type: string;
  dataclassification: DataClassification;
  /**
   * The data as JSON text: any payload then fits FerretDB's document rules (no nested
   * arrays, no dotted keys), and every re-publication sends the same bytes.
   */
  data: string;
  /** A tombstone (same key, null value) follows the message on its compacted topic. */
  tombstone: boolean;
}

/** One domain event: the document whose insert decides the use case (docs/architecture.md, Database rules). Never updated. */
export interface EventDocument {
  /** UUIDv7. */
  _id: string;
  subject: string;
  /** Monotonic per subject; unique with `subject`. */
  version: number;
  type: string;
  recordedAt: Date;
  /** W3C trace context of the request that caused the event. */
  traceparent: string | null;
  deliveries: DeliveryDocument[];
}

const deliverySchema = new Schema<DeliveryDocument>(
  {
    id: { type: String, required: true },
    topic: { type: String, required: true },
    type: { type: String, required: true },
    dataclassification: { type: String, required: true },
    data: { type: String, required: true },
    tombstone: { type: Boolean, required: true },
  },
  { _id: false },
);

const eventSchema = new Schema<EventDocument>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    version: { type: Number, required: true },
    type: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    traceparent: { type: String, default: null },
    deliveries: { type: [deliverySchema], required: true },
  },
  // Indexes are created by the event store before its first append, never in the background.
  { versionKey: false, autoIndex: false, autoCreate: false },
);
eventSchema.index({ subject: 1, version: 1 }, { unique: true });

export function eventModel(connection: Connection, collection: string): Model<EventDocument> {
  const name = `Events:${collection}`;
  return (connection.models[name] as Model<EventDocument> | undefined) ?? connection.model<EventDocument>(name, eventSchema, collection);
}
