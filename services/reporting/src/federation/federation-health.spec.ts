import { ageSeconds, median, peerHealth, timeAsReceived } from './federation-health';

describe('peerHealth', () => {
  it.each([
    [0, 'green'],
    [29.9, 'green'],
    [30, 'amber'],
    [119.9, 'amber'],
    [120, 'red'],
    [86_400, 'red'],
    [undefined, 'red'],
  ] as const)('a heartbeat %p s old is %s', (age, health) => {
    expect(peerHealth(age)).toBe(health);
  });
});

describe('ageSeconds', () => {
  const now = new Date('2026-11-29T05:01:00.000Z');

  it('measures from the heartbeat’s ce_time', () => {
    expect(ageSeconds('2026-11-29T05:00:00.000Z', now)).toBe(60);
    expect(ageSeconds('2026-11-29T05:00:59.750Z', now)).toBe(0.25);
  });

  it('counts a heartbeat from a clock ahead of ours as fresh, never negative', () => {
    expect(ageSeconds('2026-11-29T05:01:02.000Z', now)).toBe(0);
  });
});

describe('timeAsReceived', () => {
  const receivedAt = new Date('2026-11-29T05:01:00.000Z');

  it('keeps the time an event was sent when it lies before its receipt', () => {
    expect(timeAsReceived('2026-11-29T05:00:58.500Z', receivedAt)).toBe('2026-11-29T05:00:58.500Z');
  });

  it('clamps a time in the future to the receipt time', () => {
    expect(timeAsReceived('2026-11-29T06:01:00.000Z', receivedAt)).toBe('2026-11-29T05:01:00.000Z');
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([0.4, 0.1, 0.3, 0.2])).toBeCloseTo(0.25);
    expect(median([7])).toBe(7);
  });

  it('has none for no values', () => {
    expect(median([])).toBeUndefined();
  });
});
