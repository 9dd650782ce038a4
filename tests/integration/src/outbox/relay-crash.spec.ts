import type { RecordedEvent } from '@naperj/messaging';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';
import { spawnTypeScript } from '../processes/typescript-process';
import { countById, OutboxBed, type ReadMessage } from './outbox.fixture';

interface RelayProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

describe('a relay process killed by SIGKILL', () => {
  const bed = new OutboxBed();
  const started: ChildProcess[] = [];

  beforeAll(() => bed.open(), 30_000);
  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await bed.close();
  });

  /** The relay as its own Node process, running our TypeScript as tsc compiles it. */
  function startRelay(crash?: 'before-publish' | 'before-mark'): RelayProcess {
    const child = spawnTypeScript(join(__dirname, 'relay.process.ts'), {
      MONGODB_URI: bed.databaseUri,
      EVENTS_COLLECTION: bed.collection,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      NAPERJ_SECRETS_DIR: bed.secretsDir,
      ...(crash ? { RELAY_CRASH: crash } : {}),
    });
    started.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, output: () => output };
  }

  async function stopRelay(relay: RelayProcess): Promise<void> {
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toEqual({ code: 0, signal: null });
    expect(relay.output()).toContain('stopped');
  }

  /** 4 experts × 3 versions, the last one withdrawn from sharing (a tombstone follows). */
  async function appendEvents(prefix: string): Promise<RecordedEvent[]> {
    const store = await bed.store();
    const recorded: RecordedEvent[] = [];
    for (let expert = 1; expert <= 4; expert += 1) {
      for (let version = 1; version <= 3; version += 1) {
        recorded.push(await store.append(bed.event(`${prefix}-${expert}`, version, { shared: true, tombstone: version === 3 })));
      }
    }
    return recorded;
  }

  async function messagesOf(prefix: string): Promise<ReadMessage[]> {
    return (await bed.read(bed.privateTopic, bed.sharedTopic)).filter(({ key }) => key.startsWith(`${prefix}-`));
  }

  /**
   * The prefix's messages once every delivery of `events` is readable, or as they are after
   * 15 s: a relay's transaction becomes readable when the broker writes its commit markers,
   * which it does after the commit has returned, and may do after the relay was killed.
   */
  async function committedMessagesOf(prefix: string, events: readonly RecordedEvent[]): Promise<ReadMessage[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const messages = await messagesOf(prefix);
      const read = countById(messages);
      if (deliveryIds(events).every((id) => read.has(id)) || Date.now() > deadline) return messages;
      await sleep(250);
    }
  }

  function deliveryIds(events: readonly RecordedEvent[]): string[] {
    return events.flatMap((event) => event.deliveries.map((delivery) => delivery.id)).sort();
  }

  it('between publishing and marking: after a restart the batch is published again, with the same ce_ids and bytes', async () => {
    const events = await appendEvents('crash-before-mark');

    const crashed = startRelay('before-mark');
    expect(await crashed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crashed.output()).toContain('SIGKILL at marking');
    expect(await bed.pendingCount()).toBe(events.length);
    expect([...countById(await committedMessagesOf('crash-before-mark', events)).keys()].sort()).toEqual(deliveryIds(events));

    const restarted = startRelay();
    await bed.untilNothingPending(30_000);
    await stopRelay(restarted);

    const messages = await committedMessagesOf('crash-before-mark', events);
    const counts = countById(messages);
    expect([...counts.keys()].sort()).toEqual(deliveryIds(events));
    expect([...counts.values()].every((count) => count >= 1)).toBe(true);
    const duplicates = [...counts.values()].filter((count) => count > 1).length;
    console.log(`crash between publish and mark: ${counts.size} deliveries, ${duplicates} published twice`);
    for (const id of counts.keys()) {
      const copies = messages.filter(({ headers }) => headers['ce_id'] === id);
      expect(new Set(copies.map(({ value, headers }) => `${value?.toString('base64')} ${headers['ce_sig']}`)).size).toBe(1);
    }
  }, 60_000);

  it('between storing and publishing: after a restart every event is published once', async () => {
    const events = await appendEvents('crash-before-publish');

    const crashed = startRelay('before-publish');
    expect(await crashed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crashed.output()).toContain('SIGKILL at publishing');
    expect(await messagesOf('crash-before-publish')).toEqual([]);

    const restarted = startRelay();
    await bed.untilNothingPending(30_000);
    await stopRelay(restarted);

    const counts = countById(await committedMessagesOf('crash-before-publish', events));
    expect([...counts.keys()].sort()).toEqual(deliveryIds(events));
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);
});
