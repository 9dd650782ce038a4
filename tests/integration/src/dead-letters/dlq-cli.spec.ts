import { DEAD_LETTER_HEADERS, type TopicSpec } from '@naperj/contracts';
import { createKafka, provisionTopics, readDeadLetters } from '@naperj/messaging';
import type { Kafka, Message } from 'kafkajs';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { REPO_ROOT, TEST_KAFKA_BROKERS } from '../engines/engines-cli';

/** `npm run dlq` (tools/dlq.mts) against the node's real Kafka, on dead-letter topics of this test's own. */
describe('the dead-letter CLI', () => {
  const id = randomUUID().slice(0, 8);
  const submissions = `it.dlqcli.${id}.submissions.dlq.v1`;
  const reporting = `it.dlqcli.${id}.reporting.dlq.v1`;
  const redrives = [submissions, reporting].map((topic) => topic.replace(/\.dlq\.v1$/, '.redrive.v1'));
  let kafka: Kafka;

  const deadLetter = (subject: string, kind: string, reason: string, sourceOffset: string): Message => ({
    key: subject,
    value: JSON.stringify({ id: subject, country: 'us', version: 2 }),
    headers: {
      ce_id: `event-of-${subject}`,
      ce_type: 'org.naperj.submission.withdrawn.v1',
      ce_source: 'urn:naperj:us:submissions',
      ce_sigkid: 'us-2027-01',
      [DEAD_LETTER_HEADERS.reason]: reason,
      [DEAD_LETTER_HEADERS.reasonKind]: kind,
      [DEAD_LETTER_HEADERS.sourceTopic]: 'us.shared.submissions.v1',
      [DEAD_LETTER_HEADERS.sourcePartition]: '1',
      [DEAD_LETTER_HEADERS.sourceOffset]: sourceOffset,
      [DEAD_LETTER_HEADERS.group]: 'mx.submissions.peer-catalog',
      [DEAD_LETTER_HEADERS.failedAt]: '2026-12-06T10:00:00.000Z',
    },
  });

  /** Runs the CLI as `npm run dlq` does, on the built libraries. */
  const dlq = (...args: string[]) => dlqWith({}, ...args);
  const dlqWith = (env: NodeJS.ProcessEnv, ...args: string[]) => {
    const result = spawnSync(
      process.execPath,
      [
        '--disable-warning=TimeoutNegativeWarning',
        join(REPO_ROOT, 'tools', 'dlq.mts'),
        ...args,
        '--topic',
        submissions,
        '--topic',
        reporting,
        '--brokers',
        TEST_KAFKA_BROKERS.join(','),
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', ...env },
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'messaging', 'service-kit', '--output-style=static'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`the libraries did not build:\n${build.stdout}${build.stderr}`);
    kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `it-dlq-cli-${id}`, log: () => undefined });
    const admin = kafka.admin();
    await admin.connect();
    const spec = (name: string): TopicSpec => ({ name, partitions: 1, cleanupPolicy: 'delete', retentionMs: 3_600_000 });
    await provisionTopics(admin, [submissions, reporting, ...redrives].map(spec));
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: submissions, acks: -1, messages: [deadLetter('s-1', 'unknown-key', 'unknown signing key "us-2027-01" for us', '40')] });
    await producer.send({ topic: submissions, acks: -1, messages: [deadLetter('s-2', 'invalid', 'invalid data: version must be a number', '41')] });
    await producer.send({ topic: reporting, acks: -1, messages: [deadLetter('r-1', 'unknown-key', 'unknown signing key "us-2027-01" for us', '7')] });
    await producer.disconnect();
  }, 180_000);

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [submissions, reporting, ...redrives] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lists every dead letter of the topics with its reason', () => {
    const text = dlq('list');
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`${submissions}:0:1  invalid`);
    expect(text.stdout).toContain('invalid data: version must be a number');
    expect(text.stdout).toContain('3 dead letters');

    const json = dlq('list', '--json', '--reason-kind', 'unknown-key');
    const listed = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(listed).toEqual([
      expect.objectContaining({ ref: `${reporting}:0:0`, reasonKind: 'unknown-key', id: 'event-of-r-1', source: 'us.shared.submissions.v1[1]@7' }),
      expect.objectContaining({
        ref: `${submissions}:0:0`,
        reasonKind: 'unknown-key',
        reason: 'unknown signing key "us-2027-01" for us',
        group: 'mx.submissions.peer-catalog',
      }),
    ]);
  });

  it('shows one dead letter: key, headers and value', () => {
    const shown = dlq('show', `${submissions}:0:1`);
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      ref: `${submissions}:0:1`,
      key: 's-2',
      reasonKind: 'invalid',
      headers: { ce_id: 'event-of-s-2', dlq_source_offset: '41' },
      value: { id: 's-2', country: 'us', version: 2 },
    });
    expect(dlq('show', `${submissions}:0:9`)).toMatchObject({ status: 1, stderr: expect.stringContaining('no dead letter') as unknown });
    expect(dlq('show', 'not-a-ref')).toMatchObject({ status: 2 });
  });

  it("reaches the cluster with the services' SASL and TLS settings, refusing incomplete ones by name", () => {
    expect(dlqWith({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }, 'list')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME') as unknown,
    });
    expect(dlqWith({ KAFKA_TLS_CA_FILE: '/nonexistent/ca.crt' }, 'list')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('KAFKA_TLS_CA_FILE') as unknown,
    });
  });

  it('re-drives one dead letter, or every one of a reason kind, to the re-drive topic of its service', async () => {
    expect(dlq('redrive', `${submissions}:0:1`)).toMatchObject({
      status: 0,
      stdout: expect.stringContaining(`re-drove ${submissions}:0:1 to ${redrives[0]}`) as unknown,
    });
    expect(dlq('redrive', '--reason-kind', 'unknown-key')).toMatchObject({ status: 0, stdout: expect.stringContaining('2 dead letters re-driven') as unknown });
    const sent = await readDeadLetters(kafka, redrives, { groupPrefix: `it.dlqcli.${id}.reader` });
    expect(sent.map(({ topic, message }) => [topic, message.key?.toString(), message.headers?.[DEAD_LETTER_HEADERS.reasonKind]?.toString()])).toEqual([
      [redrives[1], 'r-1', 'unknown-key'],
      [redrives[0], 's-2', 'invalid'],
      [redrives[0], 's-1', 'unknown-key'],
    ]);
    expect(sent[2]!.message.headers?.[DEAD_LETTER_HEADERS.group]?.toString()).toBe('mx.submissions.peer-catalog');
  });
});
