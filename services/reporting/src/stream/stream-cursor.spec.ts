import { decodeStreamCursor, encodeStreamCursor, MAX_CURSOR_LENGTH } from './stream-cursor';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('stream cursors', () => {
  const positions = new Map([
    ['mx.shared.submissions.v1', [12, 0, 7]],
    ['us.shared.heartbeats.v1', [88_120]],
  ]);

  it('round-trips every partition position through an opaque, URL- and header-safe string', () => {
    const cursor = encodeStreamCursor(positions);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeStreamCursor(cursor)).toEqual(positions);
  });

  it('does not depend on the order the topics were read in', () => {
    const reversed = new Map([...positions].reverse());
    expect(encodeStreamCursor(reversed)).toBe(encodeStreamCursor(positions));
  });

  it('keeps offsets beyond 32 bits', () => {
    const far = new Map([['ca.shared.insights.v1', [2 ** 40, 0, Number.MAX_SAFE_INTEGER]]]);
    expect(decodeStreamCursor(encodeStreamCursor(far))).toEqual(far);
  });

  it.each([
    ['an empty string', ''],
    ['not base64url', 'a cursor!'],
    ['not JSON', Buffer.from('{"v":1,').toString('base64url')],
    ['another version', encode({ v: 2, p: { 'mx.shared.submissions.v1': [1] } })],
    ['no positions', encode({ v: 1 })],
    ['positions as a list', encode({ v: 1, p: [[1]] })],
    ['a negative offset', encode({ v: 1, p: { 'mx.shared.submissions.v1': [1, -1] } })],
    ['a fractional offset', encode({ v: 1, p: { 'mx.shared.submissions.v1': [1.5] } })],
    ['an offset as a string', encode({ v: 1, p: { 'mx.shared.submissions.v1': ['1'] } })],
    ['an unsafe offset', encode({ v: 1, p: { 'mx.shared.submissions.v1': [2 ** 60] } })],
    ['a topic without partitions', encode({ v: 1, p: { 'mx.shared.submissions.v1': [] } })],
    ['a topic name Kafka refuses', encode({ v: 1, p: { 'mx/shared': [1] } })],
    ['a catalog cursor of another API', encode(['2026-11-29T09:00:00.000Z', '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d'])],
    ['an oversized cursor', 'A'.repeat(MAX_CURSOR_LENGTH + 1)],
  ])('rejects %s', (_what, cursor) => {
    expect(decodeStreamCursor(cursor)).toBeUndefined();
  });
});
