import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** An AES-256-GCM ciphertext as stored beside its record (base64 fields). */
export interface EncryptedValue {
  /** Names the node key it was sealed with, so a rotated key can still open older values. */
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;

/** The id of a data key: not secret, derived so that the key file needs no second field. */
export function dataKeyId(key: Buffer): string {
  return createHash('sha256').update('naperj-data-key-id').update(key).digest('hex').slice(0, 16);
}

export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

/**
 * Encrypts personal data at rest (contact details, testimony) with the node's data key.
 * The associated data binds a ciphertext to its record and field (e.g. `expert:<id>:contact`),
 * so a value copied onto another record does not decrypt.
 */
export class FieldCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly currentKeyId: string;

  /** `keys[0]` encrypts; every key decrypts what it sealed. */
  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new FieldCipherError('a field cipher needs at least one data key');
    for (const key of keys) {
      if (key.length !== DATA_KEY_BYTES) throw new FieldCipherError(`a data key has ${DATA_KEY_BYTES} bytes, not ${key.length}`);
    }
    this.keys = new Map(keys.map((key) => [dataKeyId(key), key]));
    this.currentKeyId = dataKeyId(keys[0]!);
  }

  encrypt(plaintext: string, associatedData: string): EncryptedValue {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  decrypt(value: EncryptedValue, associatedData: string): string {
    const key = this.keys.get(value.keyId);
    if (!key) throw new FieldCipherError(`no data key ${value.keyId} on this node`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(value.iv, 'base64'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(value.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(value.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCipherError('the value does not decrypt with its key and record: tampered, or moved from another record');
    }
  }
}
