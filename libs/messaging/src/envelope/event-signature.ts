import { type KeyObject, sign, verify } from 'node:crypto';
import type { CloudEvent } from './cloud-event';
import { CLOUD_EVENTS_SPEC_VERSION } from '@naperj/contracts';

/** The first field of every signed input: names the scheme, so that no other signed message can pass for an event. */
export const SIGNATURE_CONTEXT = 'naperj-event-signature-v1';

/** The attributes an event signature covers, as sent. */
export type SignedAttributes = Pick<CloudEvent, 'id' | 'source' | 'type' | 'time' | 'subject' | 'dataclassification'> & { specversion?: string };

/**
 * The bytes an event signature covers (docs/architecture.md, Signature): the context, the
 * attributes as sent, the Kafka key and the raw value, each as a 4-byte big-endian length
 * and its bytes. The lengths make the input unambiguous whatever a field contains.
 */
export function signedBytes(attributes: SignedAttributes, key: Buffer | string, value: Buffer): Buffer {
  const fields = [
    SIGNATURE_CONTEXT,
    attributes.specversion ?? CLOUD_EVENTS_SPEC_VERSION,
    attributes.id,
    attributes.source,
    attributes.type,
    attributes.time,
    attributes.subject,
    attributes.dataclassification,
    key,
    value,
  ].map((field) => (typeof field === 'string' ? Buffer.from(field, 'utf8') : field));
  return Buffer.concat(fields.flatMap((field) => [lengthOf(field), field]));
}

function lengthOf(field: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(field.length);
  return length;
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

/**
 * When a trusted key may sign: events whose `ce_time` falls in [`notBefore`, `notAfter`)
 * (RFC 3339; either bound may be left open). A `revoked` key signs nothing any more, whatever
 * time an event claims, since whoever holds a stolen key can choose its `ce_time`.
 */
export interface KeyValidity {
  notBefore?: string;
  notAfter?: string;
  revoked?: boolean;
}

/** `unknown-key`: no key of that id is trusted for the country, which a reload of the trust file may change. */
export type SignatureCheck = 'valid' | 'unknown-key' | 'revoked' | 'outside-validity' | 'invalid';

interface TrustedKey {
  publicKey: KeyObject;
  notBefore: number;
  notAfter: number;
  revoked: boolean;
}

/**
 * Each country's trusted public keys by `kid`, several per country so keys can rotate. One
 * instance serves the whole service; `replaceWith` swaps its keys in place when the trust
 * file is reloaded, and tells whoever listens.
 */
export class TrustStore {
  private keys = new Map<string, Map<string, TrustedKey>>();
  private readonly listeners = new Set<() => void>();

  trust(country: string, kid: string, publicKey: KeyObject, validity: KeyValidity = {}): this {
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`The key ${kid} of ${country} is not Ed25519`);
    const ofCountry = this.keys.get(country) ?? new Map<string, TrustedKey>();
    ofCountry.set(kid, {
      publicKey,
      notBefore: instant(validity.notBefore, -Infinity, `notBefore of ${country}'s key ${kid}`),
      notAfter: instant(validity.notAfter, Infinity, `notAfter of ${country}'s key ${kid}`),
      revoked: validity.revoked === true,
    });
    this.keys.set(country, ofCountry);
    return this;
  }

  /** Whether `country` has a key `kid` in this store, revoked or not. */
  knows(country: string, kid: string): boolean {
    return this.keys.get(country)?.has(kid) ?? false;
  }

  /**
   * Checks `signature` against the key `kid` of `country` only (a peer cannot sign for
   * another), for an event that claims the time `at` (its `ce_time`).
   */
  check(country: string, kid: string, bytes: Buffer, signature: string, at: string): SignatureCheck {
    const key = this.keys.get(country)?.get(kid);
    if (!key) return 'unknown-key';
    if (key.revoked) return 'revoked';
    try {
      if (!verify(null, bytes, key.publicKey, Buffer.from(signature, 'base64url'))) return 'invalid';
    } catch {
      return 'invalid';
    }
    const time = Date.parse(at);
    return Number.isNaN(time) || time < key.notBefore || time >= key.notAfter ? 'outside-validity' : 'valid';
  }

  /** Takes `other`'s keys in place of this store's, then tells the listeners. */
  replaceWith(other: TrustStore): void {
    this.keys = other.keys;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after each `replaceWith`; returns how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function instant(text: string | undefined, open: number, what: string): number {
  if (text === undefined) return open;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`${what} is not an RFC 3339 time: "${text}"`);
  return time;
}
