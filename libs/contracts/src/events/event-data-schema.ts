import { type JsonSchema, jsonSchemaOf } from '../domain/json-schema';
import { type EventVisibility, payloadClass } from './event-catalogue';
import type { EventType } from './event-types';

/** The self-contained JSON Schema of a type's data on a visibility, for AsyncAPI. */
export function eventDataSchema(type: EventType, visibility: EventVisibility): JsonSchema {
  const payload = payloadClass(type, visibility);
  if (!payload) throw new Error(`${type} is never written to a ${visibility} topic`);
  return jsonSchemaOf(payload);
}
