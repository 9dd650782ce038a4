import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { catalogueEntry, typesOfService, typesOnSharedStream } from '../events/event-catalogue';
import type { EventType } from '../events/event-types';
import { localKafkaBrokers } from '../ports/local-service-port';
import { SERVICE_NAMES, type ServiceName } from '../service/service-name';
import { SHARED_STREAMS, type SharedStream } from '../topics/topic-names';
import { dlqTopicSpec, privateEventsTopicSpec, redriveTopicSpec, sharedTopicSpec, type TopicSpec } from '../topics/topic-specs';
import {
  catalogueMessages,
  DEAD_LETTER_MESSAGE,
  deadLetterMessage,
  eventMessage,
  KAFKA_BINDING_VERSION,
  messageKey,
  payloadSchemas,
  TOMBSTONE_MESSAGE,
  tombstoneMessage,
} from './asyncapi-messages';

/** An AsyncAPI 3.0 document, as JSON. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  servers: Record<string, object>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, object>;
  components: { parameters: Record<string, object>; messages: Record<string, object>; schemas: Record<string, object> };
  [member: string]: unknown;
}

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  parameters: Record<string, { $ref: string }>;
  messages: Record<string, { $ref: string }>;
  bindings: { kafka: object };
}

/**
 * The channel parameter filled in by the topic builders, so addresses come from the same
 * functions that name the topics: `{country}.shared.submissions.v1`.
 */
const COUNTRY = '{country}' as unknown as CountryCode;
const COUNTRY_PARAMETER = { country: { $ref: '#/components/parameters/country' } };

const INFO_DESCRIPTION = `Every event of the naperj federation: what each country's node writes to its own Kafka cluster, and what crosses borders.

- **Topics.** Private \`<cc>.<service>.events.v1\` topics carry a service's domain events in their full internal view and never leave their node. Shared \`<cc>.shared.<stream>.v1\` topics carry the shareable view; MirrorMaker 2 copies them into every partner's cluster, so a node's cluster holds its own shared topics and its partners'. \`<cc>.<service>.dlq.v1\` keeps what a consumer of the node could not apply.
- **Envelope.** CloudEvents 1.0 in Kafka binary mode: the attributes are \`ce_*\` headers, the value is the event's JSON data, the key is the subject (the entity id), so one entity's events stay in order on one partition.
- **Signatures.** Every event is signed with its node's Ed25519 key (\`ce_sigkid\`, \`ce_sig\`). A consumer of a shared topic verifies it against the trusted keys of the topic's country and checks that \`ce_source\` names that country; anything else is never applied.
- **Versions.** The data carries the entity's \`id\`, \`country\` and \`version\`, monotonic per entity: apply an event only when its version is newer than the one you hold.
- **Removals.** On compacted shared topics a withdrawal or erasure is followed by a tombstone, which removes the entity from every copy.
- **Integrators** who do not read Kafka get the events their node may show them from the reporting service: \`GET /api/v1/stream\` (Server-Sent Events, CloudEvents in structured JSON mode, resumable with \`Last-Event-ID\`).`;

function topicBindings(spec: TopicSpec): { kafka: object } {
  const configuration =
    spec.cleanupPolicy === 'delete' ? { 'cleanup.policy': ['delete'], 'retention.ms': spec.retentionMs } : { 'cleanup.policy': ['compact'] };
  return { kafka: { partitions: spec.partitions, topicConfiguration: configuration, bindingVersion: KAFKA_BINDING_VERSION } };
}

const refs = (keys: readonly string[]): Record<string, { $ref: string }> =>
  Object.fromEntries(keys.map((key) => [key, { $ref: `#/components/messages/${key}` }]));

function privateChannel(service: ServiceName): AsyncApiChannel {
  const spec = privateEventsTopicSpec(COUNTRY, service);
  const types = typesOfService(service).filter((type) => catalogueEntry(type).privatePayload);
  return {
    address: spec.name,
    title: `${service} events`,
    description:
      `Every domain event of ${service}, in its full internal view. Written only to the node's own cluster, never replicated.` +
      (types.length === 0 ? ` ${service} records no private events yet.` : ''),
    parameters: COUNTRY_PARAMETER,
    messages: refs(types.map((type) => messageKey(type, 'private'))),
    bindings: topicBindings(spec),
  };
}

function sharedChannel(stream: SharedStream): AsyncApiChannel {
  const spec = sharedTopicSpec(COUNTRY, stream);
  const types = typesOnSharedStream(stream);
  const tombstones = types.some((type) => catalogueEntry(type).tombstone);
  return {
    address: spec.name,
    title: `Shared ${stream}`,
    description:
      `The shareable view of ${stream}, signed by the node of \`country\` and replicated into every partner's cluster.` +
      (spec.cleanupPolicy === 'compact' ? " Compacted: it keeps each entity's latest event." : ''),
    parameters: COUNTRY_PARAMETER,
    messages: refs([...types.map((type) => messageKey(type, 'shared')), ...(tombstones ? [TOMBSTONE_MESSAGE] : [])]),
    bindings: topicBindings(spec),
  };
}

function deadLetterChannel(service: ServiceName): AsyncApiChannel {
  const spec = dlqTopicSpec(COUNTRY, service);
  return {
    address: spec.name,
    title: `${service} dead letters`,
    description: `Records the consumers of ${service} could not apply, with the reason. Never replicated.`,
    parameters: COUNTRY_PARAMETER,
    messages: refs([DEAD_LETTER_MESSAGE]),
    bindings: topicBindings(spec),
  };
}

function redriveChannel(service: ServiceName): AsyncApiChannel {
  const spec = redriveTopicSpec(COUNTRY, service);
  return {
    address: spec.name,
    title: `${service} re-drives`,
    description: `Dead letters of ${service} sent back to its consumers to be processed again, as its DLQ keeps them. Never replicated.`,
    parameters: COUNTRY_PARAMETER,
    messages: refs([DEAD_LETTER_MESSAGE]),
    bindings: topicBindings(spec),
  };
}

const channelKey = {
  private: (service: ServiceName) => `${service}.events`,
  shared: (stream: SharedStream) => `shared.${stream}`,
  dlq: (service: ServiceName) => `${service}.dlq`,
  redrive: (service: ServiceName) => `${service}.redrive`,
};

function operation(action: 'send' | 'receive', key: string, channel: AsyncApiChannel, title: string): object {
  return {
    action,
    title,
    channel: { $ref: `#/channels/${key}` },
    messages: Object.keys(channel.messages).map((message) => ({ $ref: `#/channels/${key}/messages/${message}` })),
  };
}

function emittersOf(types: readonly EventType[]): string {
  return [...new Set(types.map((type) => catalogueEntry(type).service))].join(' and ');
}

/** The AsyncAPI 3 document of every topic and event type, generated from the contracts. */
export function asyncApiDocument(): AsyncApiDocument {
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, object> = {};
  for (const service of SERVICE_NAMES) {
    const key = channelKey.private(service);
    channels[key] = privateChannel(service);
    operations[`${key}.send`] = operation('send', key, channels[key], `${service} records its domain events`);
  }
  for (const stream of SHARED_STREAMS) {
    const key = channelKey.shared(stream);
    channels[key] = sharedChannel(stream);
    operations[`${key}.send`] = operation('send', key, channels[key], `${emittersOf(typesOnSharedStream(stream))} share ${stream} with the partners`);
    operations[`${key}.receive`] = operation('receive', key, channels[key], `The partners' services read the ${stream} a node shares`);
  }
  for (const service of SERVICE_NAMES) {
    const key = channelKey.dlq(service);
    channels[key] = deadLetterChannel(service);
    operations[`${key}.send`] = operation('send', key, channels[key], `The consumers of ${service} set aside what they cannot apply`);
  }
  for (const service of SERVICE_NAMES) {
    const key = channelKey.redrive(service);
    channels[key] = redriveChannel(service);
    operations[`${key}.send`] = operation('send', key, channels[key], `Operators and trust-file reloads re-drive dead letters of ${service}`);
    operations[`${key}.receive`] = operation('receive', key, channels[key], `The consumers of ${service} process re-driven dead letters again`);
  }

  const messages: Record<string, object> = {};
  for (const { type, visibility } of catalogueMessages()) messages[messageKey(type, visibility)] = eventMessage(type, visibility);
  messages[TOMBSTONE_MESSAGE] = tombstoneMessage;
  messages[DEAD_LETTER_MESSAGE] = deadLetterMessage;

  return {
    asyncapi: '3.0.0',
    id: 'urn:naperj:events',
    info: { title: 'naperj events', version: '1.0.0', description: INFO_DESCRIPTION },
    defaultContentType: 'application/json',
    servers: Object.fromEntries(COUNTRY_CODES.map((country) => [country, localServer(country)])),
    channels,
    operations,
    components: {
      parameters: {
        country: {
          enum: [...COUNTRY_CODES],
          examples: ['mx'],
          description:
            "The country whose node writes the topic. A node's cluster holds its own topics and its partners' shared topics; private and DLQ topics exist only in their own node's cluster.",
        },
      },
      messages,
      schemas: payloadSchemas(),
    },
  };
}

function localServer(country: CountryCode): object {
  return {
    host: localKafkaBrokers(country),
    protocol: 'kafka',
    title: `${country} node, local run`,
    description:
      `The local-clients listener of the ${country} node's Kafka when the node runs on one host (\`npm start\`). ` +
      "A production node publishes its own bootstrap servers; its peers' SASL listener serves MirrorMaker 2 only.",
    bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

/** The document as it is served and committed to docs/asyncapi.json. */
export function asyncApiJson(): string {
  return `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
}
