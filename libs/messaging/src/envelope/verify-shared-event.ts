import { sourceCountry } from './cloud-event';
import { signedBytes, type TrustStore } from './event-signature';
import type { DecodedEvent } from './kafka-binding';

/**
 * Why an event read from `<topicCountry>.shared.*` must not be applied, or undefined when
 * it is genuine: its source is the topic's country and that country's key signed it.
 */
export function sharedEventRejection(decoded: DecodedEvent, topicCountry: string, trust: TrustStore): string | undefined {
  const origin = sourceCountry(decoded.event.source);
  if (origin !== topicCountry) {
    return `ce_source "${decoded.event.source}" is not a node of ${topicCountry}, whose topic carried it`;
  }
  if (!decoded.sig || !decoded.sigkid) return 'unsigned event (no ce_sig or ce_sigkid)';
  const check = trust.check(origin, decoded.sigkid, signedBytes({ ...decoded.event, specversion: decoded.specversion }, decoded.rawValue), decoded.sig);
  if (check === 'unknown-key') return `unknown signing key "${decoded.sigkid}" for ${origin}`;
  if (check === 'invalid') return `signature does not verify with ${origin}'s key "${decoded.sigkid}"`;
  return undefined;
}
