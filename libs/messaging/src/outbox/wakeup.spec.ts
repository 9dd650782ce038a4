import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves after the pause', async () => {
    const wakeup = new Wakeup();
    const resolved = jest.fn();
    void wakeup.wait(1000).then(resolved);

    await jest.advanceTimersByTimeAsync(999);
    expect(resolved).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(resolved).toHaveBeenCalled();
  });

  it('resolves at once when woken', async () => {
    const wakeup = new Wakeup();
    const waiting = wakeup.wait(60_000);
    wakeup.wake();
    await expect(waiting).resolves.toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps a wake-up that came while nobody waited for the next pause only', async () => {
    const wakeup = new Wakeup();
    wakeup.wake();
    await expect(wakeup.wait(60_000)).resolves.toBeUndefined();

    const resolved = jest.fn();
    void wakeup.wait(100).then(resolved);
    await jest.advanceTimersByTimeAsync(50);
    expect(resolved).not.toHaveBeenCalled();
  });
});
