import { type KeyObject, sign, verify } from 'node:crypto';
import type { CloudEvent } from './cloud-event';
import { CLOUD_EVENTS_SPEC_VERSION } from '@naperj/contracts';

/**
 * The bytes an event signature covers (docs/architecture.md, Signature): the attributes as sent, each
 * followed by `\n`, then the raw message value.
 */
export function signedBytes(
  attributes: Pick<CloudEvent, 'id' | 'source' | 'type' | 'time' | 'subject' | 'dataclassification'> & { specversion?: string },
  value: Buffer,
): Buffer {
  const header = [
    attributes.specversion ?? CLOUD_EVENTS_SPEC_VERSION,
    attributes.id,
    attributes.source,
    attributes.type,
    attributes.time,
    attributes.subject,
    attributes.dataclassification,
  ]
    .map((attribute) => `${attribute}\n`)
    .join('');
  return Buffer.concat([Buffer.from(header, 'utf8'), value]);
}

/** Signs with this node's Ed25519 key; `kid` names the key in `ce_sigkid`. */
export class EventSigner {
  constructor(
    readonly kid: string,
    private readonly privateKey: KeyObject,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('Event signing keys must be Ed25519');
  }

  /** `ce_sig`: base64url without padding. */
  sign(bytes: Buffer): string {
    return sign(null, bytes, this.privateKey).toString('base64url');
  }
}

export type SignatureCheck = 'valid' | 'unknown-key' | 'invalid';

/** Each country's trusted public keys by `kid`; several per country so keys can rotate. */
export class TrustStore {
  private readonly keys = new Map<string, Map<string, KeyObject>>();

  trust(country: string, kid: string, publicKey: KeyObject): this {
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`The key ${kid} of ${country} is not Ed25519`);
    const ofCountry = this.keys.get(country) ?? new Map<string, KeyObject>();
    ofCountry.set(kid, publicKey);
    this.keys.set(country, ofCountry);
    return this;
  }

  /** Checks `signature` against the key `kid` of `country` only: a peer cannot sign for another. */
  check(country: string, kid: string, bytes: Buffer, signature: string): SignatureCheck {
    const key = this.keys.get(country)?.get(kid);
    if (!key) return 'unknown-key';
    try {
      return verify(null, bytes, key, Buffer.from(signature, 'base64url')) ? 'valid' : 'invalid';
    } catch {
      return 'invalid';
    }
  }
}
