import type { CloudEvent } from '@naperj/messaging';
import { groupIdOf } from './consumer-test-app';
import { ConsumerTestBed, newSubject, waitFor } from './consumer-test-bed';

jest.setTimeout(60_000);

/** The broker's smallest: a killed member's partitions move after 6 s. */
const SESSION_TIMEOUT_MS = 6000;

describe('consumer runtime: a consumer killed mid-stream (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
  });

  afterAll(() => bed?.close());

  /** How often each event's handler ran in `group`. */
  async function invocationCounts(events: CloudEvent[], group: string): Promise<number[]> {
    const groupId = groupIdOf(group);
    return Promise.all(events.map(async (event) => (await bed.invocations(event.id)).filter((run) => run.groupId === groupId).length));
  }

  it('after a crash between an effect and its commit, applies that event once and loses none after it', async () => {
    const subject = newSubject();
    const events = Array.from({ length: 8 }, (_, index) => bed.withdrawal(subject, index + 1));
    await bed.send(bed.topics.shared.name, ...events.map((event) => bed.signed(event)));
    const group = `crash-${bed.id}`;

    const crashed = await bed.spawnConsumer({ group, sessionTimeoutMs: SESSION_TIMEOUT_MS, crashAfterEffectOf: events[3]!.id }).exited;
    expect(crashed.signal).toBe('SIGKILL');
    expect((await bed.entity(subject))?.version).toBe(4);

    const restarted = await bed.startApp({ group, sessionTimeoutMs: SESSION_TIMEOUT_MS });
    const entity = await bed.waitForVersion(subject, 8);
    expect(entity.applied).toEqual(events.map((event) => event.id));
    // Committed events are never read again; the crashed one ran again and changed nothing.
    expect(await invocationCounts(events, group)).toEqual([1, 1, 1, 2, 1, 1, 1, 1]);
    await bed.stopApp(restarted);
  });

  it('when killed at any point, loses nothing and applies nothing twice after a restart', async () => {
    const subjects = Array.from({ length: 6 }, () => newSubject());
    const events = subjects.flatMap((subject) => Array.from({ length: 5 }, (_, index) => bed.withdrawal(subject, index + 1)));
    await bed.send(bed.topics.shared.name, ...events.map((event) => bed.signed(event)));
    const group = `kill-${bed.id}`;

    const victim = bed.spawnConsumer({ group, sessionTimeoutMs: SESSION_TIMEOUT_MS, handlerMs: 100 });
    await victim.running;
    await waitFor(async () => (await invocationCounts(events, group)).filter((count) => count > 0).length >= 10, '10 events handled');
    victim.child.kill('SIGKILL');
    await victim.exited;

    await bed.startApp({ group, sessionTimeoutMs: SESSION_TIMEOUT_MS });
    for (const subject of subjects) {
      const entity = await bed.waitForVersion(subject, 5);
      expect(entity.applied).toEqual(events.filter((event) => event.subject === subject).map((event) => event.id));
    }
    // Only a message in flight when the process died runs again: one per partition at most.
    const counts = await invocationCounts(events, group);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(counts.filter((count) => count === 2).length).toBeLessThanOrEqual(3);
  });
});
