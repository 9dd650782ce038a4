import type { CountryCode } from '../country/country-code';
import { catalogueEntry } from './event-catalogue';
import { isEventType } from './event-types';

/**
 * Why an event's data names other identities than its envelope and its origin, or undefined
 * when they agree (docs/architecture.md, Event data): `data.id` is the `ce_subject` (which the
 * Kafka key repeats), and `data.country` is `origin`, the country of the node that emitted it;
 * a type that names a partner's entity (`namesPartnerEntity`) must name another country.
 * Identities the data lacks are left to its validation.
 */
export function identityMismatch(type: string, origin: CountryCode, subject: string, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, country } = data as { id?: unknown; country?: unknown };
  if (id !== undefined && id !== subject) return `data.id ${JSON.stringify(id)} is not its ce_subject "${subject}"`;
  if (country === undefined) return undefined;
  if (isEventType(type) && catalogueEntry(type).namesPartnerEntity) {
    return country === origin ? `data.country "${origin}" is the emitter's own; a ${type} names a partner's entity` : undefined;
  }
  return country === origin ? undefined : `data.country ${JSON.stringify(country)} is not ${origin}, the country that emitted the event`;
}
