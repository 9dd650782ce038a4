import { identityMismatch } from '@naperj/contracts';
import { sourceCountry } from './cloud-event';
import { signedBytes, type TrustStore } from './event-signature';
import type { DecodedEvent } from './kafka-binding';

/**
 * Why an event read from `<topicCountry>.shared.*` must not be applied, or undefined when
 * it is genuine: its source is the topic's country, that country's key signed it, and its
 * data names the subject and that country (`identityMismatch`).
 */
export function sharedEventRejection(decoded: DecodedEvent, topicCountry: string, trust: TrustStore): string | undefined {
  const origin = sourceCountry(decoded.event.source);
  if (origin !== topicCountry) {
    return `ce_source "${decoded.event.source}" is not a node of ${topicCountry}, whose topic carried it`;
  }
  if (!decoded.sig || !decoded.sigkid) return 'unsigned event (no ce_sig or ce_sigkid)';
  // The signature covers the key: a record decoded without it cannot be verified.
  if (!decoded.key) return 'the record was read without its key, which the signature covers';
  const bytes = signedBytes({ ...decoded.event, specversion: decoded.specversion }, decoded.key, decoded.rawValue);
  const check = trust.check(origin, decoded.sigkid, bytes, decoded.sig, decoded.event.time);
  if (check === 'unknown-key') return `unknown signing key "${decoded.sigkid}" for ${origin}`;
  if (check === 'revoked') return `${origin}'s signing key "${decoded.sigkid}" is revoked`;
  if (check === 'outside-validity') return `ce_time ${decoded.event.time} is outside the validity of ${origin}'s key "${decoded.sigkid}"`;
  if (check === 'invalid') return `signature does not verify with ${origin}'s key "${decoded.sigkid}"`;
  // A genuine signature proves who wrote the event, not that its data is theirs to write.
  return identityMismatch(decoded.event.type, origin, decoded.event.subject, decoded.event.data);
}

/**
 * Whether a shared event names a signing key its country has no trusted key of: such an event
 * is parked (`unknown-key`) rather than refused, and re-driven once the trust file names the
 * key. An event of another country's source, or unsigned, is no such case.
 */
export function signedWithUnknownKey(decoded: DecodedEvent, topicCountry: string, trust: TrustStore): boolean {
  const origin = sourceCountry(decoded.event.source);
  return origin === topicCountry && Boolean(decoded.sig) && Boolean(decoded.sigkid) && !trust.knows(origin, decoded.sigkid!);
}
