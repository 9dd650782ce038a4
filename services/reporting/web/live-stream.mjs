// @ts-check
/**
 * The node's event stream (`GET /api/v1/stream`, Server-Sent Events) read with fetch:
 * EventSource cannot send the bearer token. It keeps the last `id:` and sends it back as
 * Last-Event-ID when it reconnects, so nothing is missed across a dropped connection, and
 * it reconnects with a growing, jittered delay while the node is unreachable.
 */

/** What changes the indicators everywhere in the federation: a submission shared or withdrawn. */
export const LIVE_EVENT_TYPES = ['org.naperj.submission.published.v1', 'org.naperj.submission.withdrawn.v1'];

/**
 * @typedef {object} StreamEvent a CloudEvent in structured JSON mode
 * @property {string} id
 * @property {string} type
 * @property {string} source
 * @property {string} time
 * @property {string} subject
 * @property {any} data the shareable view the AsyncAPI document describes
 */

/**
 * @typedef {{ state: 'connecting' } | { state: 'live' } | { state: 'retrying', inMs: number } | { state: 'refused', failure: 'unauthorized' | 'forbidden' }} StreamState
 * `live` comes once the stream has said where it starts, so no event published after it is missed.
 */

/** @typedef {{ onId?: (id: string) => void, onRetry?: (ms: number) => void }} ParserOptions */
/** @typedef {new (options: ParserOptions) => TransformStream<string, { data: string }>} ParserStreamClass */

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export class LiveStream {
  /**
   * @param {object} options
   * @param {() => string | undefined} options.token
   * @param {(event: StreamEvent) => void} options.onEvent
   * @param {(state: StreamState) => void} options.onState
   * @param {ParserStreamClass} options.ParserStream eventsource-parser's EventSourceParserStream
   * @param {typeof fetch} [options.fetch]
   * @param {(ms: number, signal: AbortSignal) => Promise<void>} [options.sleep]
   * @param {() => number} [options.random]
   */
  constructor({ token, onEvent, onState, ParserStream, fetch = globalThis.fetch.bind(globalThis), sleep = abortableSleep, random = Math.random }) {
    this.options = { token, onEvent, onState, ParserStream, fetch, sleep, random };
    /** @type {string | undefined} */
    this.lastEventId = undefined;
    /** @type {AbortController | undefined} */
    this.running = undefined;
  }

  start() {
    if (this.running) return;
    const running = new AbortController();
    this.running = running;
    void this.run(running.signal);
  }

  stop() {
    this.running?.abort();
    this.running = undefined;
    this.lastEventId = undefined;
  }

  /** @param {AbortSignal} signal */
  async run(signal) {
    const { onState, sleep, random } = this.options;
    let failures = 0;
    let serverRetryMs = 0;
    while (!signal.aborted) {
      onState({ state: 'connecting' });
      const outcome = await this.connect(
        signal,
        (ms) => (serverRetryMs = ms),
        () => (failures = 0),
      );
      if (signal.aborted) return;
      if (outcome === 'unauthorized' || outcome === 'forbidden') {
        onState({ state: 'refused', failure: outcome });
        this.running = undefined;
        return;
      }
      // A cursor the node no longer accepts: start again from now, straight away.
      if (outcome === 'stale-cursor') continue;
      failures += 1;
      const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
      // Jitter spreads the reconnections of many dashboards after a restart of the node.
      const inMs = Math.round(Math.max(serverRetryMs, backoff) * (0.8 + 0.4 * random()));
      onState({ state: 'retrying', inMs });
      await sleep(inMs, signal).catch(() => undefined);
    }
  }

  /**
   * One connection, read to its end.
   * @param {AbortSignal} signal
   * @param {(ms: number) => void} onRetry the node's `retry:` advice
   * @param {() => void} onOpen
   * @returns {Promise<'ended' | 'failed' | 'stale-cursor' | 'unauthorized' | 'forbidden'>}
   */
  async connect(signal, onRetry, onOpen) {
    const { token, onEvent, onState, ParserStream, fetch } = this.options;
    const query = LIVE_EVENT_TYPES.map((type) => `type=${encodeURIComponent(type)}`).join('&');
    const resumeFrom = this.lastEventId;
    let response;
    try {
      response = await fetch(`/api/v1/stream?${query}`, {
        headers: {
          authorization: `Bearer ${token() ?? ''}`,
          accept: 'text/event-stream',
          ...(resumeFrom ? { 'last-event-id': resumeFrom } : {}),
        },
        cache: 'no-store',
        signal,
      });
    } catch {
      return 'failed';
    }
    if (response.status === 401) return 'unauthorized';
    if (response.status === 403) return 'forbidden';
    if (response.status === 400 && resumeFrom) {
      this.lastEventId = undefined;
      return 'stale-cursor';
    }
    if (!response.ok || !response.body) return 'failed';

    let open = false;
    const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(
      new ParserStream({
        onId: (id) => {
          this.lastEventId = id;
          if (!open) {
            open = true;
            onOpen();
            onState({ state: 'live' });
          }
        },
        onRetry,
      }),
    );
    const reader = events.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        try {
          onEvent(JSON.parse(value.data));
        } catch (error) {
          console.warn('The stream sent an event the dashboard could not apply', error);
        }
      }
    } catch {
      return 'failed';
    }
  }
}

/**
 * @param {number} ms
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
function abortableSleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
