import { isTimestamp } from './timestamp';

describe('isTimestamp', () => {
  it('accepts what Date.prototype.toISOString writes', () => {
    expect(isTimestamp(new Date().toISOString())).toBe(true);
    expect(isTimestamp('2026-11-03T17:20:05.123Z')).toBe(true);
  });

  it.each([
    ['no milliseconds', '2026-11-03T17:20:05Z'],
    ['an offset', '2026-11-03T11:20:05.123-06:00'],
    ['a date only', '2026-11-03'],
    ['a day that does not exist', '2026-02-30T10:00:00.000Z'],
    ['hour 24', '2026-11-03T24:00:00.000Z'],
    ['epoch milliseconds', 1793726405123],
  ])('rejects %s', (_case, value) => {
    expect(isTimestamp(value)).toBe(false);
  });
});
