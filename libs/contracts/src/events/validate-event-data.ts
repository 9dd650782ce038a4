import { instanceToPlain, plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { catalogueEntry, type EventDataOf, type EventVisibility, payloadClass } from './event-catalogue';
import type { EventType } from './event-types';

export type EventDataValidation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Validates untrusted event data against the payload class of `type` on `visibility`.
 * Unknown fields fail, at any depth: a producer that adds one has changed the contract.
 */
export function validateEventData<T extends EventType, V extends EventVisibility>(
  type: T,
  visibility: V,
  data: unknown,
): EventDataValidation<EventDataOf<T, V>> {
  const payload = payloadClass(type, visibility);
  if (!payload) return { ok: false, errors: [`${type} is never written to a ${visibility} topic`] };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, errors: ['data must be a JSON object'] };
  }
  const instance = plainToInstance(payload, data);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) {
    return { ok: false, errors: errors.flatMap((error) => describe(error, '')) };
  }
  // Plain data without the `undefined` fields an instance declares: stored as is, a
  // MongoDB driver would otherwise write them as nulls.
  const value = instanceToPlain(instance, { exposeUnsetFields: false });
  return { ok: true, value: value as EventDataOf<T, V> };
}

function describe(error: ValidationError, parentPath: string): string[] {
  const path = parentPath ? `${parentPath}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path))];
}

/**
 * The allow-list of what a peer may see of `type`'s data: only the properties its shared
 * payload class declares, whatever else the private data holds. Not validated: the shared
 * event validates it (toSharedData); a REST view shows it beside fields of its own.
 * Undefined when `type` never crosses a border.
 */
export function pickSharedFields<T extends EventType>(type: T, privateData: object): Partial<EventDataOf<T, 'shared'>> | undefined {
  const shared = catalogueEntry(type).shared?.payload;
  if (!shared) return undefined;
  const properties = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(shared, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  return Object.fromEntries(Object.entries(privateData).filter(([property]) => properties.has(property))) as Partial<EventDataOf<T, 'shared'>>;
}

/**
 * The shareable view of a private payload: its allow-list (pickSharedFields), then
 * validated, so a field that must not cross a border fails here instead of leaking.
 */
export function toSharedData<T extends EventType>(type: T, privateData: object): EventDataValidation<EventDataOf<T, 'shared'>> {
  const view = pickSharedFields(type, privateData);
  if (!view) return { ok: false, errors: [`${type} never crosses a border`] };
  return validateEventData(type, 'shared', view);
}
