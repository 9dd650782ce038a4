import { privateEventsTopic, sharedTopic } from '@naperj/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FEDERATION_COUNTRIES, type FederationCountry } from './deploy';
import { FederationFixture, type SeenRecord, type TopicWatch } from './federation-fixture';

/**
 * After a record has reached every peer, how long a copy it should not have (a loop, a
 * private record) gets to show up: one replication hop takes well under a second here.
 */
const SETTLE_MS = 3_000;

const withoutOffset = ({ offset, ...record }: SeenRecord): Omit<SeenRecord, 'offset'> => record;

describe('replication between the three countries (MirrorMaker 2, pull mode)', () => {
  const federation = new FederationFixture();

  beforeAll(() => federation.provisionNodeTopics());
  afterAll(() => federation.close());

  describe.each(FEDERATION_COUNTRIES)('out of %s', (source) => {
    const peers = FEDERATION_COUNTRIES.filter((country) => country !== source);
    const shared = sharedTopic(source, 'submissions');
    const key = `federation-test-${randomUUID()}`;
    const value = Buffer.from(JSON.stringify({ id: key, country: source, version: 1 }));
    const headers = {
      ce_specversion: '1.0',
      ce_id: randomUUID(),
      ce_source: `urn:naperj:${source}:submissions`,
      ce_sig: 'c2lnbmF0dXJl',
      // Bytes that are not UTF-8, and a header given twice: both must cross as they are.
      binary: Buffer.from([0xff, 0x00, 0xfe, 0x80]),
      repeated: ['first', 'second'],
    };
    const watches = {} as Record<FederationCountry, TopicWatch>;
    let copies: Record<FederationCountry, SeenRecord[]>;

    beforeAll(async () => {
      for (const country of FEDERATION_COUNTRIES) watches[country] = await federation.watch(country, shared);
      await federation.produce(source, privateEventsTopic(source, 'submissions'), { key, value: Buffer.from('private: stays home') });
      await federation.produce(source, shared, { key, value, headers });
      // A withdrawal's tombstone must erase the copies too.
      await federation.produce(source, shared, { key, value: null });
      // The first run may have to wait for MirrorMaker to discover the topics just provisioned.
      await Promise.all(FEDERATION_COUNTRIES.map((country) => watches[country].waitForKey(key, 2, 60_000)));
      await sleep(SETTLE_MS);
      copies = Object.fromEntries(FEDERATION_COUNTRIES.map((country) => [country, watches[country].withKey(key)])) as typeof copies;
    }, 90_000);

    it.each(peers)(`copies a record of ${shared} to %s under the same name, byte for byte`, (peer) => {
      const [original] = copies[source];
      expect(original!.value).toEqual(value);
      expect(original!.headers.binary).toEqual([headers.binary]);
      expect(original!.headers.repeated).toEqual([Buffer.from('first'), Buffer.from('second')]);
      // Same partition and timestamp too: MirrorMaker keeps both (offsets are each cluster's own).
      expect(withoutOffset(copies[peer][0]!)).toEqual(withoutOffset(original!));
    });

    it.each(peers)('copies the tombstone that follows to %s as a tombstone', (peer) => {
      expect(copies[peer][1]).toEqual(expect.objectContaining({ key, value: null, partition: copies[source][1]!.partition }));
    });

    it('copies each record exactly once into every cluster: no loop brings a copy back or on', () => {
      for (const country of FEDERATION_COUNTRIES) expect(copies[country].map((r) => r.value)).toEqual([value, null]);
    });

    it.each(peers)(`never brings the record of ${source}'s private topic to %s`, async (peer) => {
      // Other suites may provision a country's topics in mx's cluster to play that country:
      // the topic may exist there, the record must not.
      const topic = privateEventsTopic(source, 'submissions');
      const records = (await federation.topics(peer)).includes(topic) ? await federation.readAll(peer, topic) : [];
      expect(records.filter((record) => record.key === key)).toEqual([]);
    });
  });
});
