import { DEFAULT_RETRY_POLICY, retriesLeft, retryDelayMs } from './retry.schedule';

describe('retry schedule', () => {
  it('doubles the pause from 200 ms and caps it at 5 s', () => {
    const pauses = [1, 2, 3, 4, 5, 6, 7].map((failures) => retryDelayMs(failures, DEFAULT_RETRY_POLICY));
    expect(pauses).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('stays at the cap for an outage of any length', () => {
    expect(retryDelayMs(10_000, DEFAULT_RETRY_POLICY)).toBe(5000);
  });

  it('tries 5 times in all by default', () => {
    expect([1, 2, 3, 4, 5].map((failures) => retriesLeft(failures, DEFAULT_RETRY_POLICY))).toEqual([true, true, true, true, false]);
  });

  it('follows a custom policy', () => {
    const policy = { attempts: 2, initialDelayMs: 10, maxDelayMs: 15 };
    expect([retryDelayMs(1, policy), retryDelayMs(2, policy)]).toEqual([10, 15]);
    expect(retriesLeft(2, policy)).toBe(false);
  });
});
