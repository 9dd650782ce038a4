import { KafkaJSError } from 'kafkajs';
import { mongo, Error as MongooseError } from 'mongoose';
import { type BackoffPolicy, backoffDelay } from '../retry/backoff';

export type Failing = 'Kafka' | 'MongoDB' | 'relay';

/** The relay's logger; Nest's `Logger` is one. */
export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
  debug(message: string): void;
}

export function failing(error: unknown): Failing {
  if (error instanceof KafkaJSError) return 'Kafka';
  if (error instanceof mongo.MongoError || error instanceof MongooseError) return 'MongoDB';
  return 'relay';
}

/**
 * What the relay cannot reach, and how long it waits before trying again. It logs only
 * when that changes, not on every try.
 */
export class RelayOutage {
  private current?: Failing;
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly logger: RelayLogger,
    private readonly backoff: BackoffPolicy,
  ) {}

  /** Records a failed try; the pause before the next. */
  failed(error: unknown, now = Date.now()): number {
    const what = failing(error);
    if (what !== this.current) this.logFailure(what, error);
    this.current = what;
    this.failures += 1;
    const delay = backoffDelay(this.failures, this.backoff);
    this.retryAt = now + delay;
    return delay;
  }

  /** `what` answered (any, when omitted): the outage is over if it was what failed. */
  recovered(what?: Failing): void {
    if (this.current === undefined || (what !== undefined && what !== this.current)) return;
    this.logger.log(`${this.current === 'relay' ? 'The outbox relay' : this.current} works again: publishing resumes`);
    this.current = undefined;
    this.failures = 0;
    this.retryAt = 0;
  }

  msUntilRetry(now = Date.now()): number {
    return Math.max(0, this.retryAt - now);
  }

  private logFailure(what: Failing, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (what === 'relay') {
      this.logger.error(`The outbox relay failed: ${reason}; retrying with backoff`, error instanceof Error ? error.stack : undefined);
    } else {
      this.logger.warn(`${what} unreachable (${reason}): events stay in the outbox, retrying with backoff up to ${this.backoff.maxMs} ms`);
    }
  }
}
