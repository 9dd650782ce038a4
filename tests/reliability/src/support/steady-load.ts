import { setTimeout as sleep } from 'node:timers/promises';

/** One request of a steady load, as its caller saw it. */
export interface LoadSample {
  /** Which request of the load it was, from 0: what `send` was given. */
  index: number;
  /** When it was sent, in ms since the load began. */
  sentAt: number;
  latencyMs: number;
  /** 0 when no answer came (the connection failed or timed out). */
  status: number;
  contentType: string;
  body: unknown;
}

export interface SteadyLoadOptions {
  /** Requests started per second, whatever the answers take. */
  perSecond: number;
  /** Sends one request, aborted by `signal` once unanswered too long; its answer is read here. */
  send: (index: number, signal: AbortSignal) => Promise<Response>;
  /** A request unanswered after this long counts as hung (status 0). */
  timeoutMs: number;
}

/**
 * Requests at a fixed rate until stopped, each on its own clock: a slow answer never delays
 * the next request, as with independent clients.
 */
export class SteadyLoad {
  readonly samples: LoadSample[] = [];
  private running = true;
  private readonly pending = new Set<Promise<void>>();
  /** When the load began, in ms since the epoch. */
  readonly startedAt = Date.now();
  private readonly loop: Promise<void>;

  constructor(private readonly options: SteadyLoadOptions) {
    this.loop = this.run();
  }

  /** Milliseconds since the load began. */
  now(): number {
    return Date.now() - this.startedAt;
  }

  /** Stops sending, then waits for every answer. */
  async stop(): Promise<LoadSample[]> {
    this.running = false;
    await this.loop;
    await Promise.all(this.pending);
    return this.samples.sort((a, b) => a.sentAt - b.sentAt);
  }

  private async run(): Promise<void> {
    const interval = 1000 / this.options.perSecond;
    for (let index = 0; this.running; index += 1) {
      const request = this.one(index);
      this.pending.add(request);
      void request.finally(() => this.pending.delete(request));
      await sleep(Math.max(0, this.startedAt + (index + 1) * interval - Date.now()));
    }
  }

  private async one(index: number): Promise<void> {
    const sentAt = this.now();
    const sample = await this.options
      .send(index, AbortSignal.timeout(this.options.timeoutMs))
      .then(async (response) => {
        const text = await response.text();
        return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parseJson(text) };
      })
      .catch(() => ({ status: 0, contentType: '', body: undefined }));
    this.samples.push({ index, sentAt, latencyMs: this.now() - sentAt, ...sample });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
