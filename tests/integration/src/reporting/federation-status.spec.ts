import { CLOUD_EVENT_HEADERS, DEAD_LETTER_HEADERS, dlqTopic, EVENT_TYPES as T, privateEventsTopic, SERVICE_NAMES } from '@naperj/contracts';
import { EventSigner, EventStore } from '@naperj/messaging';
import { FederationConsumers } from '@naperj/reporting/federation/federation.consumers';
import { type FederationStatus, FederationStatusService, type PeerStatus } from '@naperj/reporting/federation/federation-status.service';
import { FederationTelemetryRepository } from '@naperj/reporting/federation/federation-telemetry.repository';
import { generateKeyPairSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { eventually, NODE, PEER, peerSubmission, ReportingTestNode } from './reporting-test-node';
import { EXCLUSIVE_TOPICS_WAIT_MS } from '../engines/exclusive-topics';

describe('federation status (node us, partner ca, on the real Kafka and FerretDB)', () => {
  const node = new ReportingTestNode();
  const tokens: Record<'operator' | 'admin' | 'submitter', string> = { operator: '', admin: '', submitter: '' };

  beforeAll(async () => {
    await node.start();
    for (const role of ['operator', 'admin', 'submitter'] as const) tokens[role] = await node.token([role]);
    // A forged submission is refused by the read models too, once they have read the history before it.
    await node.readModelsCaughtUp(90_000);
    // The telemetry counts what arrives from the moment its groups first joined: from one heartbeat counted on.
    await node.app.get(FederationConsumers).whenRunning();
    await eventually(
      'a first heartbeat counted',
      async () => {
        await node.send(node.peerHeartbeat(new Date(), uuidv7(), 1));
        return partner(await status()).eventsReceived.heartbeats > 0 || undefined;
      },
      60_000,
    );
  }, EXCLUSIVE_TOPICS_WAIT_MS + 180_000);

  afterAll(() => node.close());

  const status = (at?: Date): Promise<FederationStatus> => node.app.get(FederationStatusService).status(at);
  const partner = (of: FederationStatus): PeerStatus => of.peers.find(({ country }) => country === PEER)!;
  const ceIdOf = ({ message }: { message: { headers?: Record<string, unknown> } }) => String(message.headers![CLOUD_EVENT_HEADERS.id]);

  it("turns from green to amber to red as the partner's newest heartbeat ages", async () => {
    const sentAt = new Date(Date.now() - 5000);
    await node.send(node.peerHeartbeat(sentAt, uuidv7(), 1));
    // Ours, or a newer one if a partner node runs beside the tests: ages below move by seconds at most.
    await eventually('the heartbeat', async () => {
      const heartbeat = partner(await status()).lastHeartbeat;
      return heartbeat && Date.parse(heartbeat.sentAt) >= sentAt.getTime() ? heartbeat : undefined;
    });
    const after = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);

    expect(partner(await status(after(10)))).toMatchObject({ health: 'green', lastHeartbeat: { ageSeconds: expect.any(Number) as unknown } });
    expect(partner(await status(after(60))).health).toBe('amber');
    expect(partner(await status(after(200))).health).toBe('red');
    expect((await status()).thresholds).toEqual({ basis: expect.stringContaining('ce_time') as unknown, greenBelowSeconds: 30, amberBelowSeconds: 120 });
  });

  it('measures each event’s replication latency from its ce_time, and counts it once however often it comes', async () => {
    const before = partner(await status()).eventsReceived;
    const heartbeats = [1, 2, 3].map((sequence) => node.peerHeartbeat(new Date(Date.now() - 2000), uuidv7(), sequence));
    const published = node.peer(T.submissionPublished, peerSubmission(uuidv7(), 1, { actionAreas: ['education'] }));
    await node.send(...heartbeats, published, published, heartbeats[0]!);

    const receipts = node.connection().collection<{ _id: string; latencyMs: number; stream: string }>('reporting_federation_receipts');
    // Receipts are keyed by the partner and the event id.
    const ours = [...heartbeats, published].map((sent) => `${PEER}:${ceIdOf(sent)}`);
    const received = await eventually('the receipts', async () => {
      const found = await receipts.find({ _id: { $in: ours } }).toArray();
      return found.length === ours.length ? found : undefined;
    });
    for (const { latencyMs } of received.filter(({ stream }) => stream === 'heartbeats')) {
      expect(latencyMs).toBeGreaterThanOrEqual(2000);
      expect(latencyMs).toBeLessThan(30_000);
    }
    const now = partner(await status());
    expect(now.eventsReceived.heartbeats).toBeGreaterThanOrEqual(before.heartbeats + 3);
    expect(now.eventsReceived.submissions).toBeGreaterThanOrEqual(before.submissions + 1);
    expect(now.replicationLatency).toEqual({ medianSeconds: expect.any(Number) as unknown, samples: expect.any(Number) as unknown });
    expect(now.replicationLatency.samples).toBeGreaterThanOrEqual(4);
  });

  it('counts a delivery again at the same position, or a copy of the event elsewhere, not twice', async () => {
    // A country this node has no topics of, so only this test writes its counts.
    const store = node.app.get(FederationTelemetryRepository);
    const event = {
      id: uuidv7(),
      source: 'urn:naperj:mx:reporting',
      type: T.nodeHeartbeat,
      time: new Date(Date.now() - 1000).toISOString(),
      subject: uuidv7(),
      dataclassification: 'confidential' as const,
      data: {},
    };
    const position = { topic: 'mx.shared.heartbeats.v1', partition: 0, offset: '11' };
    const count = async () => (await store.receivedTotals()).find(({ peer, stream }) => peer === 'mx' && stream === 'heartbeats')?.count ?? 0;
    const before = await count();
    await store.record('mx', 'heartbeats', event, position, new Date());
    await store.record('mx', 'heartbeats', event, position, new Date());
    await store.record('mx', 'heartbeats', event, { ...position, offset: '12' }, new Date());
    expect(await count()).toBe(before + 1);
  });

  it("counts a partner's event whose id another partner used first", async () => {
    // Countries whose heartbeats no other test counts here: us is this node, mx none of its partners.
    const store = node.app.get(FederationTelemetryRepository);
    const event = { id: uuidv7(), time: new Date(Date.now() - 1000).toISOString() };
    const count = async () => (await store.receivedTotals()).find(({ peer, stream }) => peer === 'mx' && stream === 'heartbeats')?.count ?? 0;
    const before = await count();
    await store.record('us', 'heartbeats', event, { topic: 'us.shared.heartbeats.v1', partition: 0, offset: '21' }, new Date());
    await store.record('mx', 'heartbeats', event, { topic: 'mx.shared.heartbeats.v1', partition: 0, offset: '21' }, new Date());
    expect(await count()).toBe(before + 1);
  });

  it("counts a partner's forged messages as signature failures and dead letters, each once whichever groups refused it", async () => {
    const before = partner(await status());
    const forger = new EventSigner(node.peerSigner.kid, generateKeyPairSync('ed25519').privateKey);
    const [submission, heartbeat] = await node.send(
      node.peer(T.submissionPublished, peerSubmission(uuidv7(), 1), forger),
      node.peerHeartbeat(new Date(), uuidv7(), 1, forger),
    );
    const idOf = (at: { topic: string; partition: number; offset: string }) => `${at.topic}:${at.partition}:${at.offset}`;

    // The submission is refused by two groups of this node (indicators and telemetry), the heartbeat by one.
    const deadLetters = node.connection().collection<{ _id: string }>('reporting_federation_dead_letters');
    const kept = await eventually('both dead letters', async () => {
      const found = await deadLetters
        .find({ _id: { $in: [idOf(submission!), idOf(heartbeat!)] } })
        .sort({ _id: 1 })
        .toArray();
      return found.length === 2 ? found : undefined;
    });
    expect(kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ _id: idOf(submission!), peer: PEER, stream: 'submissions', reasonKind: 'untrusted' }),
        expect.objectContaining({ _id: idOf(heartbeat!), peer: PEER, stream: 'heartbeats', reasonKind: 'untrusted' }),
      ]),
    );
    const refusingGroups = async () =>
      new Set(
        (await node.headersOf(dlqTopic(NODE, 'reporting')))
          .filter(
            (headers) =>
              headers[DEAD_LETTER_HEADERS.sourceTopic] === submission!.topic && headers[DEAD_LETTER_HEADERS.sourcePartition] === String(submission!.partition),
          )
          .filter((headers) => headers[DEAD_LETTER_HEADERS.sourceOffset] === submission!.offset)
          .map((headers) => headers[DEAD_LETTER_HEADERS.group]),
      );
    await eventually('two groups to refuse the submission', async () => ((await refusingGroups()).size >= 2 ? true : undefined));
    expect(await deadLetters.countDocuments({ _id: idOf(submission!) })).toBe(1);
    const after = await eventually('the status to count them', async () => {
      const now = partner(await status());
      return now.signatureFailures >= before.signatureFailures + 2 ? now : undefined;
    });
    expect(after.deadLetters.total).toBeGreaterThanOrEqual(before.deadLetters.total + 2);
    expect(after.deadLetters.byReason.untrusted).toBeGreaterThanOrEqual((before.deadLetters.byReason.untrusted ?? 0) + 2);
  });

  it("counts what waits in every service's outbox of the node, not only reporting's", async () => {
    const submissions = new EventStore({ connection: node.connection(), service: 'submissions' });
    const before = await status();
    const pendingOf = (of: FederationStatus) => of.outboxes.find(({ service }) => service === 'submissions')!.pending;
    await submissions.append({
      subject: uuidv7(),
      version: 1,
      type: T.submissionDrafted,
      deliveries: [{ topic: privateEventsTopic(NODE, 'submissions'), dataclassification: 'internal', data: {} }],
    });
    const after = await status();
    expect(pendingOf(after)).toBe(pendingOf(before) + 1);
    expect(after.outbox.pending).toBe(before.outbox.pending + 1);
    expect(after.outbox.pending).toBe(after.outboxes.reduce((sum, { pending }) => sum + pending, 0));
  });

  it('serves the status to operators and admins only, and the same figures to Prometheus', async () => {
    const response = await node.http().get('/api/v1/federation/status').set('Authorization', `Bearer ${tokens.operator}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      node: 'us',
      thresholds: { greenBelowSeconds: 30, amberBelowSeconds: 120 },
      latencyWindow: { seconds: 300, maxSamples: 200 },
      countedSince: expect.any(String) as unknown,
      outboxes: SERVICE_NAMES.map((service) => ({
        service,
        pending: expect.any(Number) as unknown,
        oldestPendingAgeSeconds: expect.any(Number) as unknown,
        parked: expect.any(Number) as unknown,
      })),
      peers: [
        {
          country: PEER,
          health: expect.stringMatching(/^(green|amber|red)$/) as unknown,
          eventsReceived: { submissions: expect.any(Number) as unknown, heartbeats: expect.any(Number) as unknown },
        },
      ],
    });
    expect((await node.http().get('/api/v1/federation/status').set('Authorization', `Bearer ${tokens.admin}`)).status).toBe(200);
    const forbidden = await node.http().get('/api/v1/federation/status').set('Authorization', `Bearer ${tokens.submitter}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await node.http().get('/api/v1/federation/status')).status).toBe(401);

    // Counts only grow: the gauges, read later, hold at least what the status said.
    const metrics = (await node.http().get('/metrics').set('Authorization', `Bearer ${tokens.operator}`)).text;
    const sample = (name: string, labels: string) => Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(metrics)?.[1]);
    const [ca] = (response.body as FederationStatus).peers;
    expect([0, 1, 2]).toContain(sample('naperj_federation_peer_health', `peer="${PEER}"`));
    expect(sample('naperj_federation_events_received', `peer="${PEER}",stream="heartbeats"`)).toBeGreaterThanOrEqual(ca!.eventsReceived.heartbeats);
    expect(sample('naperj_federation_signature_failures', `peer="${PEER}"`)).toBeGreaterThanOrEqual(ca!.signatureFailures);
    expect(sample('naperj_federation_dead_letters', `peer="${PEER}"`)).toBeGreaterThanOrEqual(ca!.deadLetters.total);
    expect(sample('naperj_federation_heartbeat_age_seconds', `peer="${PEER}"`)).toBeGreaterThanOrEqual(0);
  });
});
