import { decodeCursor, encodeCursor } from './catalog-cursor';

describe('catalog cursors', () => {
  it('round-trips a position through an opaque, URL-safe string', () => {
    const position = { createdAt: '2026-11-29T09:00:00.000Z', id: '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each(['', 'not a cursor', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'rejects a cursor it did not issue: %p',
    (cursor) => {
      expect(decodeCursor(cursor)).toBeUndefined();
    },
  );
});
