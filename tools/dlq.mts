/**
 * The operators' view of a node's dead letters (docs/architecture.md, Event handlers):
 *
 *   npm run -s dlq -- list [--reason-kind KIND] [--json]
 *   npm run -s dlq -- show <ref>
 *   npm run -s dlq -- redrive <ref> | --reason-kind KIND
 *
 * over every `<cc>.<service>.dlq.v1` of the node (`--country`, default NODE_COUNTRY or mx;
 * `--brokers`, default KAFKA_BROKERS or the node's local Kafka, with the services' KAFKA_SASL_* and
 * KAFKA_TLS* settings), or only the `--topic`s given.
 * A reference is `<topic>:<partition>:<offset>`, as `list` prints it. A re-drive copies the
 * dead letter to the service's `<cc>.<service>.redrive.v1`, whose consumers put it through
 * the group that refused it again; nothing is written to the topic it was first read from.
 */
import { COUNTRY_CODES, type CountryCode, DEAD_LETTER_KINDS, dlqTopic, localKafkaBrokers, SERVICE_NAMES } from '@naperj/contracts';
import {
  createKafka,
  deadLetterRef,
  headerText,
  parseBrokers,
  parseDeadLetterRef,
  readDeadLetterRecord,
  readDeadLetters,
  readHeaders,
  sendRedrives,
  type StoredDeadLetter,
} from '@naperj/messaging';
import { loadKafkaSecurity } from '@naperj/service-kit';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run -s dlq -- list [--reason-kind KIND] [--json]
       npm run -s dlq -- show <topic>:<partition>:<offset>
       npm run -s dlq -- redrive <topic>:<partition>:<offset> | --reason-kind KIND
  options: --country ${COUNTRY_CODES.join('|')}  --brokers HOST:PORT[,...]  --topic DLQ_TOPIC (repeatable)
  reason kinds: ${Object.keys(DEAD_LETTER_KINDS).join(', ')}`;

class UsageError extends Error {}

const { values, positionals } = parseOptions(process.argv.slice(2));
try {
  await main();
} catch (error) {
  process.stderr.write(`${error instanceof UsageError ? `${error.message}\n${USAGE}` : (error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}

async function main(): Promise<void> {
  const [command, ref, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const country = (values.country ?? process.env['NODE_COUNTRY'] ?? 'mx') as CountryCode;
  if (!COUNTRY_CODES.includes(country)) throw new UsageError(`--country must be one of ${COUNTRY_CODES.join(', ')}; got "${country}"`);
  const kind = values['reason-kind'];
  if (kind !== undefined && !(kind in DEAD_LETTER_KINDS)) throw new UsageError(`--reason-kind must be one of ${Object.keys(DEAD_LETTER_KINDS).join(', ')}`);
  const topics = values.topic ?? SERVICE_NAMES.map((service) => dlqTopic(country, service));
  const brokers = parseBrokers(values.brokers ?? process.env['KAFKA_BROKERS'] ?? localKafkaBrokers(country));
  const kafka = createKafka({
    brokers,
    ...loadKafkaSecurity(process.env),
    clientId: `${country}-dlq-cli`,
    log: ({ level, message }) => level === 'error' && process.stderr.write(`kafka: ${message}\n`),
  });
  const read = () => readDeadLetters(kafka, topics, { groupPrefix: `${country}.dlq-cli` });

  if (command === 'list') {
    if (ref !== undefined) throw new UsageError('list takes no reference');
    const records = (await read()).filter((record) => kind === undefined || readDeadLetterRecord(record).reasonKind === kind);
    for (const record of records) process.stdout.write(values.json ? `${JSON.stringify(summary(record))}\n` : describe(record));
    if (!values.json) process.stdout.write(`${records.length} dead letter${records.length === 1 ? '' : 's'} in ${topics.join(', ')}\n`);
  } else if (command === 'show') {
    process.stdout.write(`${JSON.stringify(details(find(ref, topics, await read())), null, 2)}\n`);
  } else if (command === 'redrive') {
    if ((ref === undefined) === (kind === undefined)) throw new UsageError('redrive takes a reference or --reason-kind, one of them');
    const records = ref !== undefined ? [find(ref, topics, await read())] : (await read()).filter((record) => readDeadLetterRecord(record).reasonKind === kind);
    const sentTo = await sendRedrives(kafka, records);
    records.forEach((record, i) => process.stdout.write(`re-drove ${deadLetterRef(record)} to ${sentTo[i]}\n`));
    process.stdout.write(`${records.length} dead letter${records.length === 1 ? '' : 's'} re-driven\n`);
  } else {
    throw new UsageError(command === undefined ? 'a command is needed' : `unknown command "${command}"`);
  }
}

function find(ref: string | undefined, topics: readonly string[], records: StoredDeadLetter[]): StoredDeadLetter {
  const position = ref === undefined ? undefined : parseDeadLetterRef(ref);
  if (!position) throw new UsageError(`a reference <topic>:<partition>:<offset> is needed${ref === undefined ? '' : `, not "${ref}"`}`);
  if (!topics.includes(position.topic)) throw new UsageError(`${position.topic} is not one of the dead-letter topics ${topics.join(', ')}`);
  const record = records.find((candidate) => deadLetterRef(candidate) === `${position.topic}:${position.partition}:${position.offset}`);
  if (!record) throw new Error(`no dead letter ${ref} (expired, or never written)`);
  return record;
}

function summary(record: StoredDeadLetter) {
  const dead = readDeadLetterRecord(record);
  const header = (name: string) => headerText(record.message.headers, name);
  return {
    ref: deadLetterRef(record),
    reasonKind: dead.reasonKind ?? null,
    reason: dead.reason ?? null,
    group: dead.group ?? null,
    source: dead.sourceTopic === undefined ? null : `${dead.sourceTopic}[${dead.sourcePartition ?? '?'}]@${dead.sourceOffset ?? '?'}`,
    failedAt: dead.failedAt,
    type: header('ce_type') ?? null,
    id: header('ce_id') ?? null,
    sigkid: header('ce_sigkid') ?? null,
  };
}

function describe(record: StoredDeadLetter): string {
  const { ref, reasonKind, reason, group, source, failedAt, type, id } = summary(record);
  return `${ref}  ${reasonKind ?? '?'}  ${failedAt}  ${group ?? '?'}  from ${source ?? '?'}  ${type ?? ''} ${id ?? ''}\n    ${reason ?? '(no reason)'}\n`;
}

function details(record: StoredDeadLetter) {
  const text = record.message.value?.toString('utf8');
  let value: unknown = text ?? null;
  try {
    if (text !== undefined) value = JSON.parse(text);
  } catch {
    // Not JSON (an undecodable record): shown as text.
  }
  return {
    ...summary(record),
    key: record.message.key?.toString('utf8') ?? null,
    timestamp: record.message.timestamp,
    headers: readHeaders(record.message.headers),
    value,
  };
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        country: { type: 'string' },
        brokers: { type: 'string' },
        topic: { type: 'string', multiple: true },
        'reason-kind': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}
