import { backoffDelay, DEFAULT_RETRY_POLICY, retriesLeft } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 100 ms and stops at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((failures) => backoffDelay(failures))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('stays capped after very many failures', () => {
    expect(backoffDelay(10_000)).toBe(5000);
  });

  it('waits nothing before the first failure', () => {
    expect(backoffDelay(0)).toBe(0);
  });

  it('follows the given policy', () => {
    expect([1, 2, 3].map((failures) => backoffDelay(failures, { initialMs: 10, maxMs: 25 }))).toEqual([10, 20, 25]);
  });
});

describe('retriesLeft', () => {
  it('tries an event handler 5 times in all by default, pausing from 200 ms', () => {
    expect([1, 2, 3, 4, 5].map((failures) => retriesLeft(failures, DEFAULT_RETRY_POLICY))).toEqual([true, true, true, true, false]);
    expect([1, 2, 3, 4].map((failures) => backoffDelay(failures, DEFAULT_RETRY_POLICY))).toEqual([200, 400, 800, 1600]);
  });

  it('follows a custom policy', () => {
    expect(retriesLeft(1, { attempts: 2, initialMs: 10, maxMs: 15 })).toBe(true);
    expect(retriesLeft(2, { attempts: 2, initialMs: 10, maxMs: 15 })).toBe(false);
  });
});
