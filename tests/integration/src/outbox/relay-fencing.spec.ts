import { Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { OutboxBed } from './outbox.fixture';

type SendBatch = (batch: { topicMessages?: TopicMessages[]; acks?: number }) => Promise<unknown>;

/**
 * Holds the first send of the next relay that creates a producer, as a long GC pause or a
 * frozen VM would: the relay has read its batch and led its slot, and sends it much later.
 */
class SendPause {
  private armed = false;
  private release!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  private reachedResolve!: () => void;
  /** Resolves once the held relay is about to send. */
  readonly reached = new Promise<void>((resolve) => (this.reachedResolve = resolve));
  /** How the held send ended once let go: its error, or undefined when it went through. */
  outcome?: Promise<unknown>;

  install(): () => void {
    // The original, as a value: applied below to each Kafka, with its own `this`.
    const createProducer: Kafka['producer'] = Reflect.get(Kafka.prototype, 'producer');
    const hold = (producer: Producer): Producer => this.hold(producer);
    Kafka.prototype.producer = function (this: Kafka, ...args: Parameters<Kafka['producer']>): Producer {
      return hold(createProducer.apply(this, args));
    };
    return () => void (Kafka.prototype.producer = createProducer);
  }

  /** The first producer created while armed, its first send held, in or out of a transaction. */
  private hold(producer: Producer): Producer {
    if (!this.armed) return producer;
    this.armed = false;
    const holdFirst =
      (send: SendBatch): SendBatch =>
      async (batch) => {
        if (this.outcome) return send(batch);
        this.reachedResolve();
        await this.released;
        const sent = send(batch);
        this.outcome = sent.then(
          () => undefined,
          (error: unknown) => error,
        );
        return sent;
      };
    const transaction = producer.transaction.bind(producer);
    return Object.assign(producer, {
      sendBatch: holdFirst(producer.sendBatch.bind(producer)),
      transaction: async () => {
        const txn = await transaction();
        return Object.assign(txn, { sendBatch: holdFirst(txn.sendBatch.bind(txn)) });
      },
    });
  }

  arm(): void {
    this.armed = true;
  }

  letGo(): void {
    this.release();
  }
}

describe('two relay leaders after a slow handover', () => {
  const bed = new OutboxBed();
  const pause = new SendPause();
  let uninstall: () => void;

  beforeAll(async () => {
    await bed.open();
    uninstall = pause.install();
  }, 30_000);

  afterAll(async () => {
    pause.letGo();
    await bed.close();
    uninstall();
  });

  it("never lets the paused leader's late send land after the next leader's tombstone", async () => {
    const writer = await bed.store();
    await writer.append(bed.event('expert-fenced', 1, { shared: true }));

    pause.arm();
    bed.relay(await bed.store(), { owner: 'slow-leader' }).start();
    await pause.reached;

    // Withdrawn while the first leader sleeps on version 1.
    await writer.append(bed.event('expert-fenced', 2, { shared: true, tombstone: true }));
    const next = bed.relay(await bed.store(), { owner: 'next-leader' });
    next.start();
    await bed.untilNothingPending(20_000);
    await next.stop();

    pause.letGo();
    const failure = await settled(() => pause.outcome);

    const messages = (await bed.read(bed.sharedTopic)).filter(({ key }) => key === 'expert-fenced');
    const sequence = messages.map(({ value }) => (value === null ? 'tombstone' : (JSON.parse(value.toString()) as { version: number }).version));
    expect(sequence.at(-1)).toBe('tombstone');
    expect(sequence).toEqual([1, 2, 'tombstone']);
    expect(failure).toBeInstanceOf(Error);
  }, 60_000);
});

/** The held send's outcome, once it was let go. */
async function settled<T>(outcome: () => Promise<T> | undefined): Promise<T> {
  for (;;) {
    const pending = outcome();
    if (pending) return pending;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
