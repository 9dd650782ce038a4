// @ts-check
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { LIVE_EVENT_TYPES, LiveStream } from './live-stream.mjs';

/** @param {string} text what the node sends on one connection, then it closes */
const eventStream = (text) =>
  new Response(
    new ReadableStream({
      start(controller) {
        // Split mid-line, as the network does.
        const bytes = new TextEncoder().encode(text);
        controller.enqueue(bytes.slice(0, 7));
        controller.enqueue(bytes.slice(7));
        controller.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );

const published = {
  specversion: '1.0',
  id: 'e1',
  type: LIVE_EVENT_TYPES[0],
  source: 'urn:naperj:ca:submissions',
  time: '2026-11-29T10:00:00.000Z',
  subject: 's1',
  data: { id: 's1', country: 'ca' },
};

/**
 * A stream against scripted answers, one per connection; sleeping records the delay and returns at once.
 * @param {(Response | Error)[]} answers
 */
function scripted(answers) {
  /** @type {{ url: string, headers: Record<string, string> }[]} */
  const requests = [];
  /** @type {import('./live-stream.mjs').StreamState[]} */
  const states = [];
  /** @type {unknown[]} */
  const events = [];
  /** @type {number[]} */
  const sleeps = [];
  /** @type {(value?: unknown) => void} */
  let finish = () => undefined;
  const finished = new Promise((resolve) => (finish = resolve));
  const stream = new LiveStream({
    token: () => 'the.token.here',
    onEvent: (event) => events.push(event),
    onState: (state) => {
      states.push(state);
      if (state.state === 'refused') finish();
    },
    ParserStream: EventSourceParserStream,
    fetch: async (url, init) => {
      requests.push({ url: String(url), headers: /** @type {Record<string, string>} */ (init?.headers) });
      const answer = answers.shift();
      if (!answer) throw new Error('no answer scripted');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      if (answers.length === 0) {
        stream.stop();
        finish();
      }
    },
    random: () => 0.5,
  });
  return { stream, requests, states, events, sleeps, finished };
}

describe('the live stream read with fetch', () => {
  it('sends the token, delivers events, and resumes after the last id when the connection ends', async () => {
    const run = scripted([
      eventStream(`retry: 5000\nid: c0\n\nid: c1\ndata: ${JSON.stringify(published)}\n\n: keep-alive\n\n`),
      new Response(null, { status: 401 }),
    ]);
    run.stream.start();
    await run.finished;

    expect(run.events).toEqual([published]);
    expect(run.requests[0]).toEqual({
      url: `/api/v1/stream?type=${encodeURIComponent(LIVE_EVENT_TYPES[0] ?? '')}&type=${encodeURIComponent(LIVE_EVENT_TYPES[1] ?? '')}`,
      headers: { authorization: 'Bearer the.token.here', accept: 'text/event-stream' },
    });
    expect(run.requests[1]?.headers['last-event-id']).toBe('c1');
    // The node's retry advice (5 s) outweighs the first backoff step (1 s).
    expect(run.states).toEqual([
      { state: 'connecting' },
      { state: 'live' },
      { state: 'retrying', inMs: 5000 },
      { state: 'connecting' },
      { state: 'refused', failure: 'unauthorized' },
    ]);
  });

  it('backs off further after each failed attempt while the node cannot be reached', async () => {
    const run = scripted([new TypeError('fetch failed'), new Response('', { status: 503 }), new TypeError('fetch failed')]);
    run.stream.start();
    await run.finished;
    expect(run.sleeps).toEqual([1000, 2000, 4000]);
    expect(run.states.filter(({ state }) => state === 'live')).toEqual([]);
  });

  it('starts again from now at once when the node no longer accepts the last id', async () => {
    const run = scripted([eventStream('id: c0\n\n'), new Response('{}', { status: 400 }), new Response(null, { status: 403 })]);
    run.stream.start();
    await run.finished;
    expect(run.requests.map(({ headers }) => headers['last-event-id'])).toEqual([undefined, 'c0', undefined]);
    expect(run.sleeps).toEqual([1000]);
    expect(run.states.at(-1)).toEqual({ state: 'refused', failure: 'forbidden' });
  });
});
