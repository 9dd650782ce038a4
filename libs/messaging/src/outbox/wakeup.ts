/**
 * A pause that a nudge cuts short. A nudge while nobody waits is kept for the next pause,
 * so an event appended during a batch is picked up right after it.
 */
export class Wakeup {
  private wakeWaiter?: () => void;
  private nudged = false;

  wait(ms: number): Promise<void> {
    if (this.nudged || ms <= 0) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeWaiter = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeWaiter = done;
    });
  }

  wake(): void {
    if (this.wakeWaiter) this.wakeWaiter();
    else this.nudged = true;
  }
}
