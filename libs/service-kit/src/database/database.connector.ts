import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection, ConnectOptions } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';

export const DATABASE_CONNECT_OPTIONS = Symbol('DATABASE_CONNECT_OPTIONS');

export interface DatabaseConnectOptions {
  uri: string;
  options: ConnectOptions;
}

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

/**
 * Keeps trying to open the connection when the database was down at start: the driver
 * reconnects a connection it once had, but mongoose never retries a first connection that
 * failed, and its rejection would otherwise end the process.
 */
@Injectable()
export class DatabaseConnector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MongoDB');
  private readonly stopping = new AbortController();
  private connecting?: Promise<void>;

  constructor(
    @Inject(getConnectionToken()) private readonly connection: Connection,
    @Inject(DATABASE_CONNECT_OPTIONS) private readonly connect: DatabaseConnectOptions,
  ) {
    // Handles the first attempt's failure too: mongoose leaves it unhandled without a listener.
    connection.on('error', (error: Error) => this.logger.warn(`MongoDB unreachable: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    this.connecting = this.connectUntilUp();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.connecting;
  }

  private async connectUntilUp(): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await (attempt === 0 ? this.connection.asPromise() : this.connection.openUri(this.connect.uri, this.connect.options));
        if (attempt > 0) this.logger.log('MongoDB reachable again: connected');
        return;
      } catch {
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
        const stopped = await sleep(delay, false, { signal: this.stopping.signal }).catch(() => true);
        if (stopped) return;
      }
    }
  }
}
