import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientGoneError, formatSseBlock, SlowClientError, SseWriter } from './sse-writer';

/** A response whose client reads nothing until told to: its buffers hold 64 bytes. */
function stalledClient(): PassThrough {
  return new PassThrough({ highWaterMark: 64 });
}

function readAll(sink: PassThrough): string {
  let text = '';
  for (let chunk = sink.read() as Buffer | null; chunk !== null; chunk = sink.read() as Buffer | null) text += chunk.toString();
  return text;
}

describe('SSE blocks', () => {
  it('writes an event as id and data lines ended by a blank line', () => {
    expect(formatSseBlock({ id: 'c1', data: '{"type":"org.naperj.node.heartbeat.v1"}' })).toBe('id: c1\ndata: {"type":"org.naperj.node.heartbeat.v1"}\n\n');
  });

  it('splits data at line ends, one data field per line', () => {
    expect(formatSseBlock({ data: 'a\nb\r\nc' })).toBe('data: a\ndata: b\ndata: c\n\n');
  });

  it('writes comments, the retry delay, and an id alone', () => {
    expect(formatSseBlock({ comment: 'keep-alive' })).toBe(': keep-alive\n\n');
    expect(formatSseBlock({ retry: 3000, id: 'c0' })).toBe('retry: 3000\nid: c0\n\n');
  });

  it('refuses an id or comment that would end the field early', () => {
    expect(() => formatSseBlock({ id: 'a\nb' })).toThrow('one line');
    expect(() => formatSseBlock({ comment: 'a\rb' })).toThrow('one line');
  });
});

describe('SseWriter', () => {
  it('waits for the client to read before taking the next block', async () => {
    const sink = stalledClient();
    const writer = new SseWriter(sink, 5_000);
    const big = 'x'.repeat(200);
    let sent = false;
    const sending = writer.send({ data: big }).then(() => (sent = true));
    await sleep(20);
    expect(sent).toBe(false);
    expect(readAll(sink)).toBe(`data: ${big}\n\n`);
    await sending;
    expect(sent).toBe(true);
  });

  it('lets a client go that reads nothing within the drain timeout', async () => {
    const writer = new SseWriter(stalledClient(), 50);
    await expect(writer.send({ data: 'x'.repeat(200) })).rejects.toBeInstanceOf(SlowClientError);
  });

  it('stops waiting when the client disconnects', async () => {
    const sink = stalledClient();
    const writer = new SseWriter(sink, 5_000);
    const sending = writer.send({ data: 'x'.repeat(200) });
    sink.destroy();
    await expect(sending).rejects.toBeInstanceOf(ClientGoneError);
    await expect(writer.send({ data: 'late' })).rejects.toBeInstanceOf(ClientGoneError);
  });

  it('sends keep-alives while idle, none while the client is behind, and none once closed', async () => {
    const sink = stalledClient();
    const writer = new SseWriter(sink, 5_000);
    writer.keepAliveEvery(10, () => ({ comment: 'keep-alive' }));
    await sleep(35);
    expect(readAll(sink)).toMatch(/^(: keep-alive\n\n){2,}$/);

    const sending = writer.send({ data: 'y'.repeat(200) });
    await sleep(50);
    // Only the event: no keep-alive was queued behind it.
    expect(readAll(sink)).toBe(`data: ${'y'.repeat(200)}\n\n`);
    await sending;

    writer.close();
    await sleep(30);
    expect(readAll(sink)).toBe('');
    expect(sink.writableEnded).toBe(true);
  });
});
