import { type CountryCode, DEAD_LETTER_HEADERS, dlqTopic, EVENT_TYPES, localKafkaBrokers, type ServiceName, sharedTopic } from '@naperj/contracts';
import { type CloudEvent, createKafka, eventSource, loadOrCreateEventSigner, toKafkaMessage } from '@naperj/messaging';
import { type IHeaders, type Message, Partitioners } from 'kafkajs';
import { join } from 'node:path';
import { sendingNullHeaderValues } from '@naperj/service-kit/testing';
import { v7 as uuidv7 } from 'uuid';
import { Caller, eventually, type Page, publish, type ReadMessage, readTopics } from './federation-client';
import { REPO_ROOT } from './federation-paths';

const RECEIVERS: CountryCode[] = ['mx', 'ca'];
/** The services of a node that consume partners' shared submissions, each dead-lettering on its own. */
const CONSUMING_SERVICES: ServiceName[] = ['submissions', 'reporting'];
/**
 * The size of the record batch the oversized record travels in: just under what MirrorMaker 2's
 * producer sends (`max.request.size`, 1 MiB), so it replicates, while its dead letter, which
 * adds headers, exceeds what the dead-letter topic takes (`max.message.bytes`, 1 MiB + 12 B).
 */
const OVERSIZED_BATCH_BYTES = 1_048_576 - 64;

interface PeerStatus {
  country: CountryCode;
  deadLetters: { total: number; byReason: Record<string, number> };
}

/**
 * docs/architecture.md, Guarantees: a partner's node is trusted with its own identities only.
 * The us node's key signs records that carry mx identities, replay a ca event's id, have a null
 * header or are too large to dead-letter whole; us's MirrorMaker-replicated topic carries them
 * to mx and ca, which must apply none of them, dead-letter each with its reason, keep every
 * partition moving and count them in the federation status.
 */
describe('a hostile us node', () => {
  const readers = {} as Record<CountryCode, Caller>;
  const operators = {} as Record<CountryCode, Caller>;
  let usSubmitter: Caller;
  let usReviewer: Caller;
  let mxSubmission: { id: string };
  /** What each receiver answered for the mx submission and the indicators before the attack. */
  const before = {} as Record<CountryCode, { mxSubmission: unknown; indicators: unknown; deadLettersFromUs: number }>;
  /** The key (subject) of each hostile record, by what makes it hostile. */
  const hostile = {} as Record<'mxIdentity' | 'subjectNotPayload' | 'caReplay' | 'nullHeader' | 'oversized', string>;

  beforeAll(async () => {
    for (const country of ['us', 'mx', 'ca'] as const) {
      readers[country] = await Caller.of(country, ['reviewer'], 'E2E', `e2e-hostile-${country}-reader`);
      operators[country] = await Caller.of(country, ['operator'], 'E2E Operations', `e2e-hostile-${country}-operator`);
    }
    usSubmitter = await Caller.of('us', ['submitter'], 'E2E Agency', 'e2e-hostile-us-submitter');
    usReviewer = await Caller.of('us', ['reviewer'], 'E2E Review Board', 'e2e-hostile-us-reviewer');
    const mxSubmitter = await Caller.of('mx', ['submitter'], 'SEP', 'e2e-hostile-mx-submitter');
    const mxReviewer = await Caller.of('mx', ['reviewer'], 'CONAPRED', 'e2e-hostile-mx-reviewer');
    const practicesBefore = {} as Record<CountryCode, number>;
    for (const country of RECEIVERS) practicesBefore[country] = await mxEducationPractices(country);
    mxSubmission = await publish(mxSubmitter, mxReviewer, {
      kind: 'practice',
      title: { es: 'Mentorías para docentes indígenas' },
      summary: { es: 'Una práctica que un nodo hostil intentará suplantar.' },
      originalLanguage: 'es',
      actionAreas: ['education'],
      sharing: 'trilateral',
    });
    await eventually('the mx submission on ca', async () => ((await visible('ca', mxSubmission.id)) ? true : undefined));
    await eventually('the mx submission on us', async () => ((await visible('us', mxSubmission.id)) ? true : undefined));
    // The figures before the attack include the new submission: reporting counts it on its own time.
    for (const country of RECEIVERS) {
      await eventually(`${country}'s reporting to count the mx submission`, async () =>
        (await mxEducationPractices(country)) === practicesBefore[country] + 1 ? true : undefined,
      );
    }
    for (const country of RECEIVERS) {
      before[country] = {
        mxSubmission: (await readers[country].call('GET', `/submissions/${mxSubmission.id}`)).body,
        indicators: await indicators(country),
        deadLettersFromUs: await deadLettersFrom(country, 'us'),
      };
    }
    await sendHostileRecords();
  });

  const visible = async (country: CountryCode, id: string) => (await readers[country].call('GET', `/submissions/${id}`)).status === 200;
  const mxEducationPractices = async (country: CountryCode): Promise<number> => {
    const { body } = await readers[country].call<Page<{ published: { byKind: Record<string, number> } }>>(
      'GET',
      '/indicators?country=mx&actionArea=education',
      undefined,
      undefined,
      'reporting',
    );
    return body.items[0]?.published.byKind['practice'] ?? 0;
  };
  const indicators = async (country: CountryCode) => (await readers[country].call('GET', '/indicators', undefined, undefined, 'reporting')).body;
  const deadLettersFrom = async (country: CountryCode, peer: CountryCode): Promise<number> => {
    const { status, body } = await operators[country].call<{ peers: PeerStatus[] }>('GET', '/federation/status', undefined, undefined, 'reporting');
    expect(status).toBe(200);
    return body.peers.find((status) => status.country === peer)!.deadLetters.total;
  };

  /** An event as the us node's relay would publish it, signed with the us key. */
  const signedByUs = async (event: Omit<CloudEvent, 'source' | 'time' | 'dataclassification'>): Promise<Message> =>
    toKafkaMessage(
      { ...event, source: eventSource('us', 'submissions'), time: new Date().toISOString(), dataclassification: 'confidential' },
      await loadOrCreateEventSigner(join(REPO_ROOT, '.secrets'), 'us'),
    );

  /** The newest shared `submission.published` of `origin`, as replicated to the us cluster. */
  const replicatedPublication = async (origin: CountryCode, subject?: string): Promise<CloudEvent> => {
    const messages = await readTopics('us', [sharedTopic(origin, 'submissions')]);
    const published = messages
      .map((message) => message.decoded?.event)
      .filter((event): event is CloudEvent => event?.type === EVENT_TYPES.submissionPublished && (subject === undefined || event.subject === subject));
    if (published.length === 0) throw new Error(`no ${origin} publication on the us cluster`);
    return published.at(-1)!;
  };

  async function sendHostileRecords(): Promise<void> {
    const mxPublished = await eventually('the mx publication on the us cluster', () => replicatedPublication('mx', mxSubmission.id).catch(() => undefined));
    const caPublished = await replicatedPublication('ca');
    const mxData = mxPublished.data as { id: string; version: number };
    const records: Message[] = [];

    // An mx submission, its country and a version far ahead, under the us signature.
    hostile.mxIdentity = mxSubmission.id;
    records.push(await signedByUs({ id: uuidv7(), type: EVENT_TYPES.submissionPublished, subject: mxSubmission.id, data: { ...mxData, version: 1_000_000 } }));
    // A us-looking event whose payload names the mx submission while its key and subject name another.
    hostile.subjectNotPayload = uuidv7();
    records.push(
      await signedByUs({
        id: uuidv7(),
        type: EVENT_TYPES.submissionPublished,
        subject: hostile.subjectNotPayload,
        data: { ...mxData, country: 'us', version: 1_000_000 },
      }),
    );
    // A ca event, its id included, re-signed by us.
    hostile.caReplay = caPublished.subject;
    records.push(await signedByUs({ id: caPublished.id, type: caPublished.type, subject: caPublished.subject, data: caPublished.data }));
    // A well-formed us submission but for one header that has no value.
    hostile.nullHeader = uuidv7();
    const withNullHeader = await signedByUs({
      id: uuidv7(),
      type: EVENT_TYPES.submissionPublished,
      subject: hostile.nullHeader,
      data: { ...mxData, id: hostile.nullHeader, country: 'us', version: 4 },
    });
    records.push({ ...withNullHeader, headers: { ...withNullHeader.headers, traceparent: null } as unknown as IHeaders });
    // A record the size of the topics' limit whose data no schema accepts.
    hostile.oversized = uuidv7();
    const oversized = (padding: number) =>
      signedByUs({
        id: uuidv7(),
        type: EVENT_TYPES.submissionPublished,
        subject: hostile.oversized,
        data: { ...mxData, id: hostile.oversized, country: 'us', version: 4, padding: 'x'.repeat(padding) },
      });
    records.push(await oversized(OVERSIZED_BATCH_BYTES - batchBytes(await oversized(0))));

    const producer = createKafka({ brokers: [localKafkaBrokers('us')], clientId: 'e2e-hostile', log: () => undefined }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      for (const record of records) {
        await sendingNullHeaderValues(() => producer.send({ topic: sharedTopic('us', 'submissions'), acks: -1, messages: [record] }));
      }
    } finally {
      await producer.disconnect();
    }
  }

  /** The bytes of a record batch holding `message` alone (Kafka's v2 format, varints at their widest for these sizes). */
  const batchBytes = ({ key, value, headers = {} }: Message): number => {
    const length = (field: unknown) => (field === null || field === undefined ? 0 : Buffer.byteLength(field as string | Buffer));
    const headerBytes = Object.entries(headers).reduce((sum, [name, text]) => sum + 3 + length(name) + 3 + length(text), 0);
    const recordBytes = 1 + 1 + 1 + 3 + length(key) + 3 + length(value) + 1 + headerBytes;
    return 61 + 3 + recordBytes;
  };

  const deadLettersOn = async (country: CountryCode): Promise<ReadMessage[]> =>
    (
      await readTopics(
        country,
        CONSUMING_SERVICES.map((service) => dlqTopic(country, service)),
      )
    ).filter((message) => Object.values(hostile).includes(message.key));

  it('dead-letters every hostile record in each service of mx and ca, with its reason', async () => {
    const keysOf = (messages: ReadMessage[]) => [...new Set(messages.map((message) => message.key))].sort();
    for (const country of RECEIVERS) {
      const dead = await eventually(`every hostile record in the DLQs of ${country}`, async () => {
        const found = await deadLettersOn(country);
        const complete = CONSUMING_SERVICES.every(
          (service) => keysOf(found.filter((message) => message.topic === dlqTopic(country, service))).length === Object.keys(hostile).length,
        );
        return complete ? found : undefined;
      });
      for (const service of CONSUMING_SERVICES) {
        const ofService = dead.filter((message) => message.topic === dlqTopic(country, service));
        expect(keysOf(ofService)).toEqual(Object.values(hostile).sort());
        for (const message of ofService) {
          expect(message.headers[DEAD_LETTER_HEADERS.sourceTopic]).toBe(sharedTopic('us', 'submissions'));
          expect(message.headers[DEAD_LETTER_HEADERS.reason]?.length).toBeGreaterThan(0);
        }
        const reasons = (key: string) => ofService.filter((message) => message.key === key).map((message) => message.headers[DEAD_LETTER_HEADERS.reason]);
        expect(reasons(hostile.mxIdentity)).toContainEqual(expect.stringContaining('data.country "mx"'));
        expect(reasons(hostile.subjectNotPayload)).toContainEqual(expect.stringContaining('is not its ce_subject'));
        expect(reasons(hostile.caReplay)).toContainEqual(expect.stringContaining('data.country "ca"'));
        expect(reasons(hostile.nullHeader)).toContainEqual(expect.stringContaining('traceparent has a null value'));
        // Too large to dead-letter whole: the headers, a digest of the value and its start.
        for (const message of ofService.filter((message) => message.key === hostile.oversized)) {
          expect(message.headers[DEAD_LETTER_HEADERS.truncated]).toContain('value');
          expect(message.headers[DEAD_LETTER_HEADERS.valueSha256]).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    }
  });

  it('applies none of them: the mx submission, the ca one and the indicators are as they were', async () => {
    for (const country of RECEIVERS) {
      expect((await readers[country].call('GET', `/submissions/${mxSubmission.id}`)).body).toEqual(before[country].mxSubmission);
      expect(await indicators(country)).toEqual(before[country].indicators);
      for (const key of [hostile.subjectNotPayload, hostile.nullHeader, hostile.oversized]) expect(await visible(country, key)).toBe(false);
      const listed = await readers[country].call<Page<{ id: string; country: string }>>('GET', `/submissions?country=mx&limit=100`);
      expect(listed.body.items.filter((item) => item.id === mxSubmission.id).map((item) => item.country)).toEqual(['mx']);
    }
    // mx still owns its submission: it can be edited there.
    const mxSubmitter = await Caller.of('mx', ['submitter'], 'SEP', 'e2e-hostile-mx-submitter');
    const own = await mxSubmitter.call<{ version: number }>('GET', `/submissions/${mxSubmission.id}`);
    expect(own.status).toBe(200);
    expect(own.body.version).toBe((before.mx.mxSubmission as { version: number }).version);
  });

  it('keeps every partition moving: a genuine us submission published afterwards reaches mx and ca', async () => {
    const genuine = await publish(usSubmitter, usReviewer, {
      kind: 'strategy',
      title: { en: 'Community health workers in border counties' },
      summary: { en: 'A genuine us practice published after the hostile records.' },
      originalLanguage: 'en',
      actionAreas: ['health-equity'],
      sharing: 'trilateral',
    });
    for (const country of RECEIVERS)
      await eventually(`the genuine us submission on ${country}`, async () => ((await visible(country, genuine.id)) ? true : undefined));
    for (const country of RECEIVERS) {
      const admin = createKafka({ brokers: [localKafkaBrokers(country)], clientId: 'e2e-lag', log: () => undefined }).admin();
      await admin.connect();
      try {
        const topic = sharedTopic('us', 'submissions');
        const ends = await admin.fetchTopicOffsets(topic);
        const { groups: described } = await admin.describeGroups((await admin.listGroups()).groups.map((group) => group.groupId));
        // Running groups only: a retired read-model generation's group stays where it stopped.
        const groups = described.filter((group) => group.groupId.startsWith(`${country}.`) && group.state === 'Stable').map((group) => group.groupId);
        const active: { groupId: string }[] = [];
        for (const groupId of groups) {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          if (offsets?.partitions.some((partition) => Number(partition.offset) >= 0)) active.push({ groupId });
        }
        expect(active.length).toBeGreaterThanOrEqual(CONSUMING_SERVICES.length);
        await eventually(`${country}'s groups to reach the end of every partition of ${topic}`, async () => {
          for (const { groupId } of active) {
            const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
            for (const end of ends.filter((end) => Number(end.high) > Number(end.low))) {
              const committed = offsets!.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
              if (Number(committed) < Number(end.high)) return undefined;
            }
          }
          return true;
        });
      } finally {
        await admin.disconnect();
      }
    }
  });

  it('counts them in the federation status of mx and ca, against us, each once whichever groups refused it', async () => {
    for (const country of RECEIVERS) {
      const expected = before[country].deadLettersFromUs + Object.keys(hostile).length;
      await eventually(`${country}'s federation status to count ${expected} dead letters from us`, async () =>
        (await deadLettersFrom(country, 'us')) >= expected ? true : undefined,
      );
      expect(await deadLettersFrom(country, 'us')).toBe(expected);
    }
  });
});
