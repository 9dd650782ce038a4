import { backoffDelay } from './backoff';

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
