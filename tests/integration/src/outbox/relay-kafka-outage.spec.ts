import type { RecordedEvent } from '@naperj/messaging';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';
import { countById, OutboxBed, RecordingLogger, until } from './outbox.fixture';

/**
 * The relay's only way to Kafka: while down it drops every connection (counting them), once
 * up it forwards them to the node's broker. The shared Kafka keeps running for other suites.
 */
class KafkaDoor {
  attempts = 0;
  private up = false;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => this.accept(socket));

  async open(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  letThrough(): void {
    this.up = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(socket: Socket): void {
    this.attempts += 1;
    if (!this.up) return void socket.destroy();
    const [host, port] = TEST_KAFKA_BROKERS[0]!.split(':');
    const broker = createConnection(Number(port), host);
    for (const end of [socket, broker]) {
      this.sockets.add(end);
      end.on('error', () => undefined).on('close', () => this.sockets.delete(end));
    }
    socket.pipe(broker).pipe(socket);
  }
}

async function valueOf(registry: Registry, name: string): Promise<number> {
  const { values } = await registry.getSingleMetric(name)!.get();
  return values.reduce((sum, { value }) => sum + value, 0);
}

describe('a relay while Kafka is unreachable', () => {
  const bed = new OutboxBed();
  const door = new KafkaDoor();

  beforeAll(() => bed.open(), 30_000);
  afterAll(async () => {
    await bed.close();
    await door.close();
  });

  it('records every append, backs off logging once, and publishes everything once Kafka is back', async () => {
    const logger = new RecordingLogger();
    const registry = new Registry();
    const store = await bed.store();
    const relay = bed.relay(store, { brokers: [`127.0.0.1:${await door.open()}`], logger, registry, tuning: { statsIntervalMs: 500 } });
    relay.start();

    const started = Date.now();
    const recorded: RecordedEvent[] = (
      await Promise.all(
        Array.from({ length: 20 }, async (_, expert) => {
          const events: RecordedEvent[] = [];
          for (let version = 1; version <= 10; version += 1) events.push(await store.append(bed.event(`expert-${expert}`, version)));
          return events;
        }),
      )
    ).flat();
    const appendMs = Date.now() - started;
    expect(recorded).toHaveLength(200);

    await until(async () => (await valueOf(registry, 'naperj_outbox_pending')) === 200, 10_000, 'the pending gauge');
    await sleep(6000);
    const attemptsWhileDown = door.attempts;
    expect(await valueOf(registry, 'naperj_outbox_oldest_pending_age_seconds')).toBeGreaterThan(5);
    expect(logger.lines).toEqual([expect.stringMatching(/^warn Kafka unreachable \(.+\): events stay in the outbox, retrying with backoff up to 5000 ms$/)]);

    door.letThrough();
    const reopened = Date.now();
    await bed.untilNothingPending(30_000);
    const recoveredMs = Date.now() - reopened;
    await relay.stop();

    expect(logger.lines.slice(1)).toEqual(['log Kafka works again: publishing resumes']);
    const counts = countById(await bed.read(bed.privateTopic));
    expect([...counts.keys()].sort()).toEqual(recorded.map((event) => event.deliveries[0]!.id).sort());
    expect(await valueOf(registry, 'naperj_outbox_published_total')).toBeGreaterThanOrEqual(200);
    console.log(
      `Kafka unreachable: 200 appends in ${appendMs} ms; ${attemptsWhileDown} connection attempts in ~${Math.round((reopened - started) / 1000)} s; ` +
        `all published ${recoveredMs} ms after Kafka came back; ${[...counts.values()].filter((n) => n > 1).length} duplicates`,
    );
  }, 60_000);
});
