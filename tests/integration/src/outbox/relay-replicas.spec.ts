import type { EventStore, OutboxRelay } from '@naperj/messaging';
import { Registry } from 'prom-client';
import { countById, OutboxBed } from './outbox.fixture';

const EXPERTS = 100;
const VERSIONS = 10;
const CONCURRENT_REQUESTS = 10;

describe('two relay replicas over 1,000 events', () => {
  const bed = new OutboxBed();
  const registries = [new Registry(), new Registry()];
  let stores: EventStore[];
  let relays: OutboxRelay[];

  beforeAll(async () => {
    await bed.open();
    stores = [await bed.store(), await bed.store()];
    relays = stores.map((store, i) => bed.relay(store, { registry: registries[i], owner: `replica-${i}` }));
  }, 30_000);

  afterAll(() => bed.close());

  it('publishes every event, each expert in version order, while both append and relay', async () => {
    relays.forEach((relay) => relay.start());
    const started = Date.now();
    // 10 requests at a time, each expert's versions in sequence, the replicas taking turns.
    await Promise.all(
      Array.from({ length: CONCURRENT_REQUESTS }, async (_, lane) => {
        for (let expert = lane; expert < EXPERTS; expert += CONCURRENT_REQUESTS) {
          for (let version = 1; version <= VERSIONS; version += 1) {
            await stores[(expert + version) % 2]!.append(bed.event(`expert-${expert}`, version));
          }
        }
      }),
    );
    const appended = Date.now();
    await bed.untilNothingPending(50_000);
    const published = Date.now();
    await Promise.all(relays.map((relay) => relay.stop()));

    const messages = await bed.read(bed.privateTopic);
    const counts = countById(messages);
    const expected = (await Promise.all(Array.from({ length: EXPERTS }, (_, expert) => stores[0]!.eventsOf(`expert-${expert}`))))
      .flat()
      .map((event) => event.deliveries[0]!.id);
    expect(expected).toHaveLength(EXPERTS * VERSIONS);
    expect([...counts.keys()].sort()).toEqual(expected.sort());

    const firstSeen = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const { key, value, headers } of messages) {
      if (seen.has(headers['ce_id']!)) continue;
      seen.add(headers['ce_id']!);
      firstSeen.set(key, [...(firstSeen.get(key) ?? []), (JSON.parse(value!.toString()) as { version: number }).version]);
    }
    for (const versions of firstSeen.values()) expect(versions).toEqual(Array.from({ length: VERSIONS }, (_, i) => i + 1));

    const perRelay = await Promise.all(registries.map(publishedBy));
    console.log(
      `1,000 events: appended by 2 replicas in ${appended - started} ms, all published ${published - started} ms after the first append ` +
        `(${published - appended} ms after the last); ${messages.length} messages for ${counts.size} ids, ` +
        `${messages.length - counts.size} duplicates; published by replica-0: ${perRelay[0]}, replica-1: ${perRelay[1]}`,
    );
  }, 60_000);
});

async function publishedBy(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric('naperj_outbox_published_total')!.get();
  return metric.values.reduce((sum, { value }) => sum + value, 0);
}
