import { EVENT_DATA_EXAMPLES, EVENT_TYPES, sharedTopic } from '@naperj/contracts';
import { type CloudEvent, type ConsumedTopic, EventSigner, eventSource, toKafkaMessage, TrustStore } from '@naperj/messaging';
import type { KafkaMessage } from 'kafkajs';
import { generateKeyPairSync } from 'node:crypto';
import { examine, STREAM_EVENT_TYPES } from './integrator-event';

const usKeys = generateKeyPairSync('ed25519');
const signer = new EventSigner('us-2026-11', usKeys.privateKey);
const trust = new TrustStore().trust('us', 'us-2026-11', usKeys.publicKey);

const topic: ConsumedTopic = { name: sharedTopic('us', 'insights'), origin: 'us', from: 'shared', stream: 'insights' };
const insight = { ...EVENT_DATA_EXAMPLES[EVENT_TYPES.insightPublished].shared, country: 'us' as const };

const event: CloudEvent = {
  id: '01a225da-5000-7000-8000-0000000000aa',
  source: eventSource('us', 'community-engagement'),
  type: EVENT_TYPES.insightPublished,
  time: '2026-11-03T17:00:00.000Z',
  subject: insight.id,
  dataclassification: 'confidential',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: insight,
};

/** A record as a consumer reads it: header values as bytes. */
function received(cloudEvent: CloudEvent, by = signer): KafkaMessage {
  const message = toKafkaMessage(cloudEvent, by);
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, Buffer.from(String(value))]));
  return { key: Buffer.from(cloudEvent.subject), value: message.value as Buffer, headers, timestamp: '0', attributes: 0, offset: '0' };
}

describe('what integrators may see of a shared topic', () => {
  it('delivers a signed event as a structured CloudEvent, with its shareable data', () => {
    expect(examine(topic, received(event), trust)).toEqual({
      verdict: 'deliver',
      event: {
        specversion: '1.0',
        id: event.id,
        source: 'urn:naperj:us:community-engagement',
        type: EVENT_TYPES.insightPublished,
        time: event.time,
        subject: insight.id,
        datacontenttype: 'application/json',
        dataclassification: 'confidential',
        traceparent: event.traceparent,
        data: insight,
      },
    });
  });

  it('withholds a forged, an unsigned and a re-attributed event', () => {
    const forger = new EventSigner('us-2026-11', generateKeyPairSync('ed25519').privateKey);
    expect(examine(topic, received(event, forger), trust)).toMatchObject({ verdict: 'withhold', reason: 'untrusted' });
    const unsigned = received(event);
    delete unsigned.headers!['ce_sig'];
    expect(examine(topic, unsigned, trust)).toMatchObject({ verdict: 'withhold', reason: 'untrusted', detail: expect.stringContaining('unsigned') as unknown });
    const caTopic: ConsumedTopic = { ...topic, name: sharedTopic('ca', 'insights'), origin: 'ca' };
    expect(examine(caTopic, received(event), trust)).toMatchObject({
      verdict: 'withhold',
      reason: 'untrusted',
      detail: expect.stringContaining('is not a node of ca') as unknown,
    });
  });

  it('withholds a private view, even signed by the right node', () => {
    const draft = { ...event, type: EVENT_TYPES.submissionDrafted, source: eventSource('us', 'submissions'), dataclassification: 'restricted' as const };
    expect(examine({ ...topic, name: sharedTopic('us', 'submissions'), stream: 'submissions' }, received(draft), trust)).toMatchObject({
      verdict: 'withhold',
      reason: 'unknown-type',
    });
    const withNotes = { ...event, data: { ...insight, internalNotes: 'not for partners' } };
    expect(examine(topic, received(withNotes), trust)).toMatchObject({
      verdict: 'withhold',
      reason: 'invalid',
      detail: expect.stringContaining('internalNotes') as unknown,
    });
    const restricted = { ...event, dataclassification: 'restricted' as const };
    expect(examine(topic, received(restricted), trust)).toMatchObject({
      verdict: 'withhold',
      reason: 'invalid',
      detail: expect.stringContaining('restricted') as unknown,
    });
  });

  it('withholds what is not a CloudEvent', () => {
    const message = received(event);
    expect(examine(topic, { ...message, value: Buffer.from('{"id":') }, trust)).toMatchObject({ verdict: 'withhold', reason: 'undecodable' });
  });

  it('skips tombstones and the types the client filters out', () => {
    expect(examine(topic, { key: Buffer.from(event.subject), headers: {}, value: null }, trust)).toEqual({ verdict: 'skip' });
    expect(examine(topic, received(event), trust, new Set([EVENT_TYPES.expertRegistered]))).toEqual({ verdict: 'skip' });
    expect(examine(topic, received(event), trust, new Set([EVENT_TYPES.insightPublished]))).toMatchObject({ verdict: 'deliver' });
  });

  it('offers only the types that have a shareable view', () => {
    expect(STREAM_EVENT_TYPES).toContain(EVENT_TYPES.submissionPublished);
    expect(STREAM_EVENT_TYPES).toContain(EVENT_TYPES.nodeHeartbeat);
    expect(STREAM_EVENT_TYPES).not.toContain(EVENT_TYPES.submissionDrafted);
    expect(STREAM_EVENT_TYPES).not.toContain(EVENT_TYPES.contributionReceived);
    expect(STREAM_EVENT_TYPES).toHaveLength(11);
  });
});
