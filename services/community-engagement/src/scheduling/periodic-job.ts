import { Logger } from '@nestjs/common';
import type { JobLease } from './job-lease';

/**
 * Runs `work` about every `intervalMs` on one replica at a time: each replica ticks, the one
 * that claims the tick's slot runs it. A failed run is logged; the next slot tries again.
 */
export class PeriodicJob {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly lease: JobLease,
    private readonly work: (now: Date) => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    const now = new Date();
    this.running = (async () => {
      try {
        if (await this.lease.claim(this.name, Math.floor(now.getTime() / this.intervalMs))) await this.work(now);
      } catch (error) {
        this.logger.error({ err: error }, `${this.name} failed; the next slot tries again`);
      }
    })();
    await this.running;
    this.running = undefined;
  }
}
