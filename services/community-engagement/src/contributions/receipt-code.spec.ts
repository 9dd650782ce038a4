import { hashReceiptCode, newReceiptCode, RECEIPT_CODE_PATTERN, receiptCodeMatches } from './receipt-code';

describe('receipt codes', () => {
  it('carry 160 random bits in 32 base32 characters, grouped by four', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
    expect(code).toMatch(RECEIPT_CODE_PATTERN);
    expect(new Set(Array.from({ length: 200 }, newReceiptCode)).size).toBe(200);
  });

  it('are kept as a SHA-256 hash that never contains the code', () => {
    const code = newReceiptCode();
    const hash = hashReceiptCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.replace(/-/g, ''));
  });

  it('match their hash however they are typed back, and only theirs', () => {
    const code = newReceiptCode();
    const hash = hashReceiptCode(code);
    expect(receiptCodeMatches(code, hash)).toBe(true);
    expect(receiptCodeMatches(code.toLowerCase().replace(/-/g, ' '), hash)).toBe(true);
    expect(receiptCodeMatches(newReceiptCode(), hash)).toBe(false);
    expect(receiptCodeMatches(code, 'not-a-hash')).toBe(false);
  });
});
