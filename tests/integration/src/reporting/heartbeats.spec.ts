import { CLOUD_EVENT_HEADERS, EVENT_TYPES, sharedTopic } from '@naperj/contracts';
import { fromKafkaMessage, headerText, sharedEventRejection } from '@naperj/messaging';
import { FederationConsumers } from '@naperj/reporting/federation/federation.consumers';
import { FederationStatusService } from '@naperj/reporting/federation/federation-status.service';
import { FederationTelemetryRepository } from '@naperj/reporting/federation/federation-telemetry.repository';
import { HeartbeatPublisher } from '@naperj/reporting/heartbeats/heartbeat.publisher';
import type { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { eventually, NODE, PEER, ReportingTestNode } from './reporting-test-node';
import { EXCLUSIVE_TOPICS_WAIT_MS } from '../engines/exclusive-topics';

describe("the node's heartbeat (node us on the real Kafka)", () => {
  const node = new ReportingTestNode();
  const topic = sharedTopic(NODE, 'heartbeats');
  let from: string;

  beforeAll(async () => {
    // Where the topic ends before the service starts: its heartbeats come after.
    const admin = node.kafka.admin();
    await admin.connect();
    // A topic not provisioned yet has no heartbeat before ours.
    from = (await admin.fetchTopicOffsets(topic).catch(() => []))[0]?.high ?? '0';
    await admin.disconnect();
    await node.start();
  }, EXCLUSIVE_TOPICS_WAIT_MS + 90_000);

  afterAll(() => node.close());

  /** This process's heartbeats on the topic, in order, as sent. */
  async function heartbeatsOf(emitterId: string, count: number): Promise<KafkaMessage[]> {
    const found: KafkaMessage[] = [];
    const consumer = node.kafka.consumer({ groupId: `reporting-test-heartbeats-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Fewer than ${count} heartbeats of ${emitterId} on ${topic}`)), 40_000);
      void consumer.run({
        eachMessage: ({ message }) => {
          if (BigInt(message.offset) < BigInt(from) || headerText(message.headers, CLOUD_EVENT_HEADERS.subject) !== emitterId) return Promise.resolve();
          found.push(message);
          if (found.length === count) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();
    return found;
  }

  it('sends a heartbeat at start and every interval, signed with the node key as every shared event is', async () => {
    const { emitterId } = node.app.get(HeartbeatPublisher);
    const [first, second] = await heartbeatsOf(emitterId, 2);

    for (const [message, sequence] of [
      [first!, 1],
      [second!, 2],
    ] as const) {
      const decoded = fromKafkaMessage(message);
      if (!decoded.ok) throw new Error(decoded.reason);
      const { event } = decoded.decoded;
      expect(event).toMatchObject({
        type: EVENT_TYPES.nodeHeartbeat,
        source: `urn:naperj:${NODE}:reporting`,
        subject: emitterId,
        dataclassification: 'confidential',
      });
      expect(event.data).toEqual({ id: emitterId, country: NODE, version: sequence, sentAt: event.time, services: [{ name: 'reporting', ready: true }] });
      expect(message.key?.toString()).toBe(emitterId);
      expect(sharedEventRejection(decoded.decoded, NODE, node.trust)).toBeUndefined();
    }
    const interval = Date.parse(String(second!.headers![CLOUD_EVENT_HEADERS.time])) - Date.parse(String(first!.headers![CLOUD_EVENT_HEADERS.time]));
    expect(interval).toBeGreaterThanOrEqual(9_000);
    expect(interval).toBeLessThan(12_000);

    // The signature covers the data: a partner refuses a heartbeat changed on the way.
    const tampered = fromKafkaMessage({ ...first!, value: Buffer.from(String(first!.value).replace('"version":1', '"version":9')) });
    if (!tampered.ok) throw new Error(tampered.reason);
    expect(sharedEventRejection(tampered.decoded, NODE, node.trust)).toMatch(/does not verify/);
  }, 60_000);

  describe("a partner's heartbeat dated in the future", () => {
    const heldBy = async (emitterId: string) => {
      const held = (await node.app.get(FederationTelemetryRepository).latestHeartbeats()).get(PEER);
      return held?.emitterId === emitterId ? held : undefined;
    };

    beforeAll(async () => {
      // The telemetry reads from the end of the topic once its group has joined: from one heartbeat kept on.
      await node.app.get(FederationConsumers).whenRunning();
      const sent = new Set<string>();
      await eventually(
        'a first heartbeat of the partner kept',
        async () => {
          const emitterId = uuidv7();
          sent.add(emitterId);
          await node.send(node.peerHeartbeat(new Date(), emitterId, 1));
          const held = (await node.app.get(FederationTelemetryRepository).latestHeartbeats()).get(PEER);
          return held && sent.has(held.emitterId) ? held : undefined;
        },
        60_000,
      );
    }, 90_000);

    it('is kept as received at its receipt time, so it ages and a later heartbeat replaces it', async () => {
      const future = uuidv7();
      const hourAhead = new Date(Date.now() + 60 * 60 * 1000);
      await node.send(node.peerHeartbeat(hourAhead, future, 1));
      const held = await eventually('the future-dated heartbeat', () => heldBy(future));
      expect(Date.parse(held.time)).toBeLessThanOrEqual(held.receivedAt.getTime());

      const status = node.app.get(FederationStatusService);
      const partnerAt = async (at: Date) => (await status.status(at)).peers.find(({ country }) => country === PEER)!;
      expect((await partnerAt(new Date(held.receivedAt.getTime() + 200_000))).health).toBe('red');

      const genuine = uuidv7();
      await node.send(node.peerHeartbeat(new Date(), genuine, 1));
      await eventually('the genuine heartbeat after it', () => heldBy(genuine));
    }, 90_000);
  });
});
