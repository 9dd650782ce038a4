import { EVENT_TYPES } from '@naperj/contracts';
import type { KafkaMessage } from 'kafkajs';
import { generateKeyPairSync } from 'node:crypto';
import { type CloudEvent, eventSource } from './cloud-event';
import { EventSigner, TrustStore } from './event-signature';
import { type DecodedEvent, fromKafkaMessage, toKafkaMessage } from './kafka-binding';
import { sharedEventRejection } from './verify-shared-event';

const usKeys = generateKeyPairSync('ed25519');
const caKeys = generateKeyPairSync('ed25519');
const usSigner = new EventSigner('us-2026-11', usKeys.privateKey);
const caSigner = new EventSigner('ca-2026-11', caKeys.privateKey);
const trust = new TrustStore().trust('us', 'us-2026-11', usKeys.publicKey).trust('ca', 'ca-2026-11', caKeys.publicKey);

const MX_SUBMISSION = '0193a5f0-0000-7000-8000-0000000000aa';
const US_SUBMISSION = '0193a5f0-0000-7000-8000-0000000000bb';

function published(subject: string, data: object, source = eventSource('us', 'submissions'), type: string = EVENT_TYPES.submissionPublished): CloudEvent {
  return { id: '0193a5f0-7c1e-7b3a-9d2e-5f1a2b3c4d5e', source, type, time: '2026-11-29T05:00:00.000Z', subject, dataclassification: 'confidential', data };
}

/** The event as a consumer reads it, signed by `signer`. */
function decoded(event: CloudEvent, signer = usSigner): DecodedEvent {
  const { key, value, headers } = toKafkaMessage(event, signer);
  const message = {
    key: Buffer.from(String(key)),
    value: value as Buffer,
    headers: Object.fromEntries(Object.entries(headers ?? {}).map(([name, text]) => [name, Buffer.from(String(text))])),
  } as Pick<KafkaMessage, 'key' | 'value' | 'headers'>;
  const result = fromKafkaMessage(message);
  if (!result.ok) throw new Error(result.reason);
  return result.decoded;
}

describe('sharedEventRejection: identities bound to the verified origin', () => {
  it("accepts a partner's genuine event about its own entity", () => {
    expect(sharedEventRejection(decoded(published(US_SUBMISSION, { id: US_SUBMISSION, country: 'us', version: 2 })), 'us', trust)).toBeUndefined();
  });

  it('refuses a us-signed event that claims an mx submission, by its id and country, with a huge version', () => {
    const forged = published(MX_SUBMISSION, { id: MX_SUBMISSION, country: 'mx', version: Number.MAX_SAFE_INTEGER });
    expect(sharedEventRejection(decoded(forged), 'us', trust)).toBe('data.country "mx" is not us, the country that emitted the event');
  });

  it('refuses data naming another entity than the subject (and the Kafka key)', () => {
    const forged = published(US_SUBMISSION, { id: MX_SUBMISSION, country: 'us', version: 2 });
    expect(sharedEventRejection(decoded(forged), 'us', trust)).toBe(`data.id "${MX_SUBMISSION}" is not its ce_subject "${US_SUBMISSION}"`);
  });

  it("accepts an erasure receipt naming a partner's profile, signed by the node that erased it", () => {
    const receipt = published(MX_SUBMISSION, { id: MX_SUBMISSION, country: 'mx', version: 3 }, eventSource('ca', 'expert-network'), EVENT_TYPES.expertErased);
    expect(sharedEventRejection(decoded(receipt, caSigner), 'ca', trust)).toBeUndefined();
  });

  it('still refuses a source that is not the topic country before reading identities', () => {
    const event = published(US_SUBMISSION, { id: US_SUBMISSION, country: 'us', version: 2 });
    expect(sharedEventRejection(decoded(event), 'ca', trust)).toMatch(/is not a node of ca/);
  });
});
