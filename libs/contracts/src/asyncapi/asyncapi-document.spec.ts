import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
// The AsyncAPI 2 rule that checks examples against their schemas; the parser's AsyncAPI 3
// ruleset has none yet, and examples that contradict their schemas would mislead integrators.
import { messageExamples } from '@asyncapi/parser/cjs/ruleset/v2/functions/messageExamples';
import { COUNTRY_CODES } from '../country/country-code';
import { CLOUD_EVENT_HEADERS } from '../envelope/cloud-event-envelope';
import { catalogueEntry, payloadClass } from '../events/event-catalogue';
import { EVENT_TYPES, type EventType } from '../events/event-types';
import { nodeTopics, peerSharedTopics } from '../topics/topic-specs';
import { type AsyncApiDocument, asyncApiDocument } from './asyncapi-document';

const document = asyncApiDocument();

/**
 * The severities that fail the document. A set of numbers: the parser exports the enum of its own
 * copy of @stoplight/types, while its diagnostics carry that of spectral-core's copy (equal values).
 */
const BLOCKING_SEVERITIES: ReadonlySet<number> = new Set([DiagnosticSeverity.Error, DiagnosticSeverity.Warning]);

type Message = { name: string; headers: { required: string[]; properties: Record<string, { const?: string; enum?: string[] }> }; payload: { $ref: string } };
const messages = document.components.messages as Record<string, Message>;

/** The concrete topic names a channel stands for, one per country. */
const addressesOf = (doc: AsyncApiDocument) =>
  Object.entries(doc.channels).flatMap(([key, channel]) => COUNTRY_CODES.map((country) => [channel.address.replace('{country}', country), key] as const));

/** The event messages of a channel, without its tombstone. */
function channelMessages(key: string): Message[] {
  return Object.values(document.channels[key]!.messages)
    .map(({ $ref }) => messages[$ref.replace('#/components/messages/', '')]!)
    .filter(({ name }) => name !== 'tombstone');
}

describe('the AsyncAPI document', () => {
  it('is valid AsyncAPI 3, and every example matches its headers and payload schemas', async () => {
    const parser = new Parser({
      ruleset: {
        rules: {
          'naperj-message-examples': {
            description: 'Examples validate against the headers and payload schemas of their message',
            message: '{{error}}',
            severity: 'error',
            given: '$.components.messages.*',
            then: { function: messageExamples },
          },
        },
      },
    });
    const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
    const problems = diagnostics.filter(({ severity }) => BLOCKING_SEVERITIES.has(severity));
    expect(problems.map(({ code, message, path }) => `${String(code)} ${path.join('/')}: ${message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(parsed?.channels().all().length).toBe(Object.keys(document.channels).length);
  });

  it('has a channel for every topic a node provisions, and none other', () => {
    const provisioned = [...nodeTopics('mx'), ...peerSharedTopics(['us', 'ca'])].map(({ name }) => name).sort();
    const documented = addressesOf(document)
      .map(([address]) => address)
      .filter((address) => address.startsWith('mx.') || address.includes('.shared.'))
      .sort();
    expect(documented).toEqual(provisioned);
    expect(document.channels['shared.submissions']).toMatchObject({
      address: '{country}.shared.submissions.v1',
      parameters: { country: { $ref: '#/components/parameters/country' } },
      bindings: { kafka: { partitions: 3, topicConfiguration: { 'cleanup.policy': ['compact'] } } },
    });
    expect(document.channels['submissions.events']!.bindings.kafka).toMatchObject({
      topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': 2_592_000_000 },
    });
    expect(document.components.parameters['country']).toMatchObject({ enum: ['us', 'mx', 'ca'] });
  });

  it.each(Object.values(EVENT_TYPES))('puts %s on the channels its catalogue entry names', (type: EventType) => {
    const entry = catalogueEntry(type);
    const onPrivate = channelMessages(`${entry.service}.events`).filter(({ headers }) => headers.properties['ce_type']?.const === type);
    const onShared = entry.shared
      ? channelMessages(`shared.${entry.shared.stream}`).filter(({ headers }) => headers.properties['ce_type']?.const === type)
      : [];
    expect(onPrivate.map(({ payload }) => payload.$ref)).toEqual(entry.privatePayload ? [`#/components/schemas/${entry.privatePayload.name}`] : []);
    expect(onShared.map(({ payload }) => payload.$ref)).toEqual(entry.shared ? [`#/components/schemas/${entry.shared.payload.name}`] : []);
  });

  it('never lets a shared channel carry a private view', () => {
    for (const key of Object.keys(document.channels).filter((k) => k.startsWith('shared.'))) {
      for (const message of channelMessages(key)) {
        const type = message.headers.properties['ce_type']!.const as EventType;
        expect(message.payload.$ref).toBe(`#/components/schemas/${payloadClass(type, 'shared')!.name}`);
        expect(message.headers.properties['ce_dataclassification']!.enum).not.toEqual(expect.arrayContaining(['internal']));
        expect(message.headers.properties['ce_dataclassification']!.enum).not.toEqual(expect.arrayContaining(['restricted']));
      }
    }
  });

  it('describes the CloudEvents Kafka headers of every event, the signature included', () => {
    const events = Object.values(messages).filter(({ name }) => name !== 'tombstone' && name !== 'dead-letter');
    // 23 private views and 11 shareable ones.
    expect(events).toHaveLength(34);
    for (const { headers } of events) {
      expect(Object.keys(headers.properties).sort()).toEqual(Object.values(CLOUD_EVENT_HEADERS).sort());
      expect(headers.required).toEqual(
        expect.arrayContaining([
          'ce_specversion',
          'ce_id',
          'ce_source',
          'ce_type',
          'ce_time',
          'ce_subject',
          'content-type',
          'ce_dataclassification',
          'ce_sigkid',
          'ce_sig',
        ]),
      );
      expect(headers.required).not.toContain('traceparent');
    }
    expect(messages['submission.published.shared']!.headers.properties['ce_source']!.enum).toEqual([
      'urn:naperj:us:submissions',
      'urn:naperj:mx:submissions',
      'urn:naperj:ca:submissions',
    ]);
  });

  it('keys every event by its subject and follows removals with tombstones', () => {
    expect(messages['expert.withdrawn.shared']).toMatchObject({ bindings: { kafka: { key: { type: 'string' } } } });
    expect(Object.keys(document.channels['shared.experts']!.messages)).toContain('tombstone');
    expect(Object.keys(document.channels['shared.insights']!.messages)).not.toContain('tombstone');
    expect(Object.keys(document.channels['submissions.dlq']!.messages)).toEqual(['dead-letter']);
  });

  it('shows the examples of the contracts', () => {
    const [example] = (messages['insight.published.shared'] as unknown as { examples: { headers: Record<string, string>; payload: { id: string } }[] })
      .examples;
    expect(example!.payload.id).toBe(example!.headers['ce_subject']);
    expect(example!.headers).toMatchObject({
      ce_type: EVENT_TYPES.insightPublished,
      ce_source: 'urn:naperj:mx:community-engagement',
      ce_dataclassification: 'confidential',
    });
  });
});
