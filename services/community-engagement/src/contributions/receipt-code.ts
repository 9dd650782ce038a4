import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 4648 base32: no letters that look alike in lower case, easy to read out or copy by hand. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const RECEIPT_CODE_BYTES = 20;
/** 20 random bytes spell 32 base32 characters; shown in groups of four. */
export const RECEIPT_CODE_PATTERN = /^[A-Za-z2-7]{4}(?:[- ]?[A-Za-z2-7]{4}){7}$/;

/**
 * A contribution's receipt: 160 random bits, shown once to the contributor and kept only as
 * its SHA-256. A slow password hash is for guessable secrets; nobody can search a space of
 * 2^160 codes, so a plain hash of one is as strong as the code itself.
 */
export function newReceiptCode(): string {
  const bytes = randomBytes(RECEIPT_CODE_BYTES);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code.match(/.{4}/g)!.join('-');
}

/** The hash kept instead of the code; case, spaces and hyphens do not matter. */
export function hashReceiptCode(code: string): string {
  return createHash('sha256').update(normalize(code)).digest('hex');
}

/** Compares in constant time, so response times reveal nothing about the stored hash. */
export function receiptCodeMatches(code: string, storedHash: string): boolean {
  const presented = Buffer.from(hashReceiptCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

function normalize(code: string): string {
  return code.replace(/[- ]/g, '').toUpperCase();
}
