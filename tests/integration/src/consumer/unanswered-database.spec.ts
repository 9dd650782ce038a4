import { databaseConnectOptions } from '@naperj/service-kit';
import mongoose, { type Connection } from 'mongoose';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { TEST_MONGODB_URI } from '../engines/engines-cli';
import { ConsumerTestBed, newSubject } from './consumer-test-bed';

jest.setTimeout(60_000);

/** What the test lets an operation wait for its answer, through MONGODB_URI as an operator would. */
const SOCKET_TIMEOUT_MS = 2000;

/**
 * FerretDB behind a door that can leave one operation unanswered: the connection that carries
 * it stays open and carries nothing more, as when a database hangs on a request or a connection
 * dies without a reset. The driver's monitoring and every other connection go on answering.
 */
class SilencingProxy {
  silenced = 0;
  private armedFor?: Buffer;
  private readonly open = new Set<Socket>();
  private readonly server: Server = createServer((client) => this.accept(client));

  constructor(private readonly target: URL) {}

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** The next request that names `collection` gets no answer, nor does anything after it on its connection. */
  silenceNextOperationOn(collection: string): void {
    this.armedFor = Buffer.from(collection);
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket): void {
    const database = createConnection(Number(this.target.port), this.target.hostname);
    let silent = false;
    client.on('data', (chunk) => {
      if (this.armedFor && chunk.includes(this.armedFor)) {
        this.armedFor = undefined;
        this.silenced += 1;
        silent = true;
      }
      if (!silent) database.write(chunk);
    });
    database.on('data', (chunk) => {
      if (!silent) client.write(chunk);
    });
    for (const socket of [client, database]) {
      this.open.add(socket);
      socket
        .on('error', () => undefined)
        .on('close', () => {
          this.open.delete(socket);
          client.destroy();
          database.destroy();
        });
    }
  }
}

describe('consumer runtime: a database operation that is never answered (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;
  let proxy: SilencingProxy;
  let connection: Connection;

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
    proxy = new SilencingProxy(new URL(TEST_MONGODB_URI));
    const uri = new URL(bed.mongodbUri);
    uri.port = String(await proxy.listen());
    uri.searchParams.set('socketTimeoutMS', String(SOCKET_TIMEOUT_MS));
    // The connection a service opens, with the kit's options.
    connection = await mongoose.createConnection(uri.toString(), databaseConnectOptions(uri.toString(), 'submissions').options).asPromise();
  });

  afterAll(async () => {
    await bed?.close();
    await connection?.close();
    await proxy?.close();
  });

  it('gives up on it, applies the event over another connection, once, and moves on to the next', async () => {
    const subject = newSubject();
    const first = bed.withdrawal(subject, 1);
    const next = bed.withdrawal(subject, 2);
    await bed.startApp({
      connection,
      script: {
        // The projection's read of its entity, on the event's first try, is never answered.
        onInvoke: (_data, event) => {
          if (event.id === first.id && event.attempt === 1) proxy.silenceNextOperationOn('entities');
        },
      },
    });
    const sentAt = Date.now();
    await bed.send(bed.topics.shared.name, bed.signed(first), bed.signed(next));

    const entity = await bed.waitForVersion(subject, 2, 45_000);
    const tookMs = Date.now() - sentAt;
    expect(proxy.silenced).toBe(1);
    expect(entity.applied).toEqual([first.id, next.id]);
    // It waited for the unanswered operation as long as it may, not forever.
    expect(tookMs).toBeGreaterThanOrEqual(SOCKET_TIMEOUT_MS);
    expect(tookMs).toBeLessThan(SOCKET_TIMEOUT_MS + 20_000);
  });
});
