import type { StructuredCloudEvent } from '@naperj/reporting/stream/integrator-event';
import { createParser } from 'eventsource-parser';

/** An event of the stream: its SSE id and its structured CloudEvent. */
export interface StreamEvent {
  id: string | undefined;
  event: Omit<StructuredCloudEvent, 'data'> & { data: { id: string; version: number } & Record<string, unknown> };
}

export interface StreamOptions {
  token?: string;
  types?: string[];
  lastEventId?: string;
}

/**
 * A client of `GET /api/v1/stream` that reads it as EventSource does (fetch, so it can send
 * the bearer token), keeping every event and the last id, as EventSource would resume with.
 */
export class SseClient {
  readonly events: StreamEvent[] = [];
  /** Every `id:` the stream has sent, with or without an event. */
  readonly ids: string[] = [];
  /** Resolves when the server ends the stream. */
  ended!: Promise<void>;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly response: Response,
    private readonly aborter: AbortController,
  ) {}

  static async open(baseUrl: string, { token, types = [], lastEventId }: StreamOptions = {}): Promise<SseClient> {
    const url = new URL('/api/v1/stream', baseUrl);
    for (const type of types) url.searchParams.append('type', type);
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const aborter = new AbortController();
    const response = await fetch(url, { headers, signal: aborter.signal });
    const client = new SseClient(response, aborter);
    client.ended = response.ok ? client.read() : Promise.resolve();
    return client;
  }

  get lastId(): string | undefined {
    return this.ids.at(-1);
  }

  /** Waits for the first event from `from` on that `accept` takes. */
  async next(accept: (event: StreamEvent) => boolean = () => true, from = 0, timeoutMs = 20_000): Promise<{ event: StreamEvent; index: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((event, i) => i >= from && accept(event));
      if (index >= 0) return { event: this.events[index]!, index };
      if (Date.now() > deadline) throw new Error(`No such event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.event.type))}`);
      await this.change(deadline - Date.now());
    }
  }

  /** Resolves once the stream has sent its starting `id:`, i.e. it is reading Kafka. */
  async started(timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.ids.length === 0) {
      if (Date.now() > deadline) throw new Error('The stream sent no id');
      await this.change(deadline - Date.now());
    }
    return this.ids[0]!;
  }

  close(): void {
    this.aborter.abort();
  }

  private async read(): Promise<void> {
    const parser = createParser({
      onId: (id) => this.ids.push(id),
      onEvent: ({ id, data }) => this.events.push({ id, event: JSON.parse(data) as StreamEvent['event'] }),
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.response.body as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        this.notify();
      }
    } catch (error) {
      if (!this.aborter.signal.aborted) throw error;
    } finally {
      this.notify();
    }
  }

  private change(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, timeoutMs));
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
