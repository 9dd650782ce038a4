import type { ConsumedTopic, EventContext } from '@naperj/messaging';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerApp, HandlerScript } from './consumer-test-app';
import { ConsumerTestBed, newSubject, waitFor } from './consumer-test-bed';

jest.setTimeout(60_000);

/** What the projection does on invocation, per subject, so one app serves every test. */
function scriptBySubject(behaviours: Map<string, (event: EventContext, attempt: number) => Promise<void> | void>): HandlerScript {
  return { onInvoke: (_data, event) => behaviours.get(event.subject)?.(event, event.attempt) };
}

describe('consumer runtime: delivery (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;
  const behaviours = new Map<string, (event: EventContext, attempt: number) => Promise<void> | void>();

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
    await bed.startApp({ script: scriptBySubject(behaviours) });
  });

  afterAll(() => bed?.close());

  it('applies an event delivered twice (same ce_id) once', async () => {
    const subject = newSubject();
    const twice = bed.signed(bed.privateWithdrawal(subject, 1));
    const after = bed.privateWithdrawal(subject, 2);
    await bed.send(bed.topics.private.name, twice, twice, bed.signed(after));

    const entity = await bed.waitForVersion(subject, 2);
    const [first] = entity.applied;
    expect(entity.applied).toEqual([first, after.id]);
    expect(await bed.invocations(first!)).toHaveLength(1);
  });

  it('applies an event whose handler fails transiently, on a retry', async () => {
    const subject = newSubject();
    behaviours.set(subject, (_event, attempt) => {
      if (attempt < 3) throw new Error('transient write conflict');
    });
    const event = bed.withdrawal(subject, 1);
    await bed.send(bed.topics.shared.name, bed.signed(event));

    expect((await bed.waitForVersion(subject, 1)).applied).toEqual([event.id]);
    expect((await bed.invocations(event.id)).map((invocation) => invocation.attempt)).toEqual([1, 2, 3]);
  });

  it('dead-letters an event whose handler keeps failing, with the error, then goes on with the partition', async () => {
    const subject = newSubject();
    const failing = bed.withdrawal(subject, 1);
    behaviours.set(subject, (event) => {
      if (event.id === failing.id) throw new Error('projection exploded');
    });
    const next = bed.withdrawal(subject, 2);
    await bed.send(bed.topics.shared.name, bed.signed(failing), bed.signed(next));

    expect((await bed.waitForVersion(subject, 2)).applied).toEqual([next.id]);
    expect(await bed.invocations(failing.id)).toHaveLength(3);
    const letters = await bed.deadLetters(1);
    expect(letters.find((letter) => letter.headers['ce_id'] === failing.id)?.headers).toMatchObject({
      dlq_reason_kind: 'failed',
      dlq_reason: 'projection: org.naperj.submission.withdrawn.v1 from shared failed 3 times, last: projection exploded',
    });
  });

  it('keeps trying to start while a topic is missing, and consumes it once provisioned', async () => {
    const late: ConsumedTopic = { name: `${bed.topics.shared.name}.late`, origin: 'us', from: 'shared', stream: 'submissions' };
    const starting = bed.startApp({ group: `late-${bed.id}`, topics: [late, bed.topics.private] });
    await sleep(1500);
    await bed.provision(late.name);
    await starting;

    const subject = newSubject();
    await bed.send(late.name, bed.signed(bed.withdrawal(subject, 1)));
    await bed.waitForVersion(subject, 1);
  });

  it('serves the other partitions while one works through a backlog', async () => {
    const busy = newSubject();
    const other = newSubject();
    behaviours.set(busy, () => sleep(250));
    const backlog = Array.from({ length: 20 }, (_, index) => bed.signed(bed.withdrawal(busy, index + 1)));
    await bed.send(bed.topics.shared.name, ...backlog);
    await bed.waitForVersion(busy, 1);
    await bed.send(bed.topics.private.name, bed.signed(bed.privateWithdrawal(other, 1)));

    await bed.waitForVersion(other, 1, 4000);
    expect((await bed.entity(busy))?.version).toBeLessThan(15);
    await bed.waitForVersion(busy, 20);
  });
});

describe('consumer runtime: long handlers and shutdown (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;
  let consumer: ConsumerApp;
  let handlerMs = 0;

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
    consumer = await bed.startApp({ sessionTimeoutMs: 6000, script: { onInvoke: () => sleep(handlerMs) } });
  });

  afterAll(() => bed?.close());

  const members = () => bed.groupMembers(consumer.consumer.groupId);

  it('keeps its partitions through a handler longer than the session timeout, by heartbeating', async () => {
    const before = await members();
    handlerMs = 8000;
    const subject = newSubject();
    const event = bed.withdrawal(subject, 1);
    await bed.send(bed.topics.shared.name, bed.signed(event));

    await bed.waitForVersion(subject, 1, 20_000);
    expect(await members()).toEqual(before);
    expect(await bed.invocations(event.id)).toHaveLength(1);
  });

  it('lets the message in flight finish and commits it before leaving the group', async () => {
    handlerMs = 2000;
    const subject = newSubject();
    const event = bed.privateWithdrawal(subject, 1);
    await bed.send(bed.topics.private.name, bed.signed(event));
    await waitFor(async () => (await bed.invocations(event.id)).length === 1, 'the handler to start');

    await bed.stopApp(consumer);

    expect((await bed.entity(subject))?.applied).toEqual([event.id]);
    expect([...(await bed.committedOffsets(consumer.consumer.groupId, bed.topics.private.name)).values()]).toContain('1');
    expect(await members()).toEqual([]);
  });
});
