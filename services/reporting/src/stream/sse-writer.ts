/** One Server-Sent Events block: a block without `data` dispatches no event, but its `id` still moves the client's last event id. */
export interface SseBlock {
  id?: string;
  data?: string;
  comment?: string;
  /** How long a client waits before reconnecting, in milliseconds. */
  retry?: number;
}

/** What the writer needs of an HTTP response. */
export interface SseSink {
  write(chunk: string): boolean;
  end(): unknown;
  destroy(): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

/** The client did not take what was written within the drain timeout. */
export class SlowClientError extends Error {
  constructor(timeoutMs: number) {
    super(`the client read nothing for ${timeoutMs} ms`);
  }
}

/** The client went away while a block waited to be taken. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the stream');
  }
}

export function formatSseBlock({ id, data, comment, retry }: SseBlock): string {
  let block = '';
  if (comment !== undefined) block += `: ${singleLine(comment)}\n`;
  if (retry !== undefined) block += `retry: ${retry}\n`;
  if (id !== undefined) block += `id: ${singleLine(id)}\n`;
  // The format splits data at line ends: each line gets its own `data:` field.
  if (data !== undefined)
    block += data
      .split(/\r\n|\r|\n/)
      .map((line) => `data: ${line}\n`)
      .join('');
  return `${block}\n`;
}

function singleLine(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error('An SSE id or comment must be one line without NUL');
  return value;
}

/**
 * Writes SSE blocks without buffering without bound: when the socket's buffer is full, the
 * next block waits until it drains, and a client that stays stuck for `drainTimeoutMs` is
 * let go (it resumes with its last event id). Keep-alive comments go out only while nothing
 * waits, since they would only add to a full buffer.
 */
export class SseWriter {
  private draining?: Promise<void>;
  private keepAlive?: NodeJS.Timeout;

  constructor(
    private readonly sink: SseSink,
    private readonly drainTimeoutMs: number,
  ) {}

  get closed(): boolean {
    return this.sink.writableEnded || this.sink.destroyed;
  }

  /** Resolves once the block is written and the socket can take more. */
  async send(block: SseBlock): Promise<void> {
    if (this.draining) await this.draining;
    if (this.closed) throw new ClientGoneError();
    if (this.sink.write(formatSseBlock(block))) return;
    this.draining = this.waitForDrain().finally(() => (this.draining = undefined));
    await this.draining;
  }

  /** Every `intervalMs`, writes the block `next` makes, unless a write is waiting for the client. */
  keepAliveEvery(intervalMs: number, next: () => SseBlock): void {
    this.keepAlive = setInterval(() => {
      if (this.draining || this.closed) return;
      this.send(next()).catch(() => undefined);
    }, intervalMs);
    this.keepAlive.unref();
  }

  /** Ends the response; `abort` drops what the socket still holds (a client too slow to finish). */
  close(abort = false): void {
    clearInterval(this.keepAlive);
    if (this.closed) return;
    if (abort) this.sink.destroy();
    else this.sink.end();
  }

  private waitForDrain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.sink.off('drain', onDrain);
        this.sink.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(new ClientGoneError());
      const timer = setTimeout(() => settle(new SlowClientError(this.drainTimeoutMs)), this.drainTimeoutMs);
      this.sink.once('drain', onDrain);
      this.sink.once('close', onClose);
    });
  }
}
