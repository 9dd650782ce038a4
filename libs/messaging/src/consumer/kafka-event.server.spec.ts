import { EVENT_TYPES } from '@naperj/contracts';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { Registry } from 'prom-client';
import { TrustStore } from '../envelope/event-signature';
import { KafkaEventServer } from './kafka-event.server';

const handler = Object.assign(() => Promise.resolve(undefined), {});

function server(): KafkaEventServer {
  return new KafkaEventServer({
    country: 'mx',
    service: 'submissions',
    peers: ['us', 'ca'],
    kafka: {} as Kafka,
    connection: {} as Connection,
    trust: new TrustStore(),
    registry: new Registry(),
  });
}

describe('KafkaEventServer wiring', () => {
  it('derives a group’s topics from its handlers and names its Kafka group after node, service and group', () => {
    const events = server();
    events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'peer-catalog', from: 'shared' });
    events.addHandler(EVENT_TYPES.submissionWithdrawn, handler, true, { group: 'peer-catalog', from: 'shared' });
    events.addHandler(EVENT_TYPES.reviewAssigned, handler, true, { group: 'assignments', from: 'own' });
    expect(events.topicsOf('peer-catalog')).toEqual(['us.shared.submissions.v1', 'ca.shared.submissions.v1']);
    expect(events.topicsOf('assignments')).toEqual(['mx.expert-network.events.v1']);
    expect(events.groupId('peer-catalog')).toBe('mx.submissions.peer-catalog');
    expect(events.groupId('indicators', 'g1')).toBe('mx.submissions.indicators-g1');
  });

  it('refuses wiring mistakes when the transport connects', () => {
    const events = server();
    expect(() => events.addHandler(EVENT_TYPES.submissionPublished, handler, false, { group: 'x', from: 'shared' })).toThrow(
      'needs @EventPattern, not @MessagePattern',
    );
    expect(() => events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { from: 'shared' })).toThrow('needs a kebab-case { group }');
    expect(() => events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'Peer_Catalog', from: 'shared' })).toThrow('kebab-case');
    expect(() => events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'x', from: 'elsewhere' })).toThrow(
      "needs { from: 'own' | 'shared' | 'dead-letters' }",
    );
    expect(() => events.addHandler(EVENT_TYPES.nodeHeartbeat, handler, true, { group: 'x', from: 'own' })).toThrow('never travels on a private topic');
    expect(() => events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'x', from: 'shared', idempotent: 'yes' })).toThrow(
      'has idempotent "yes": true or false',
    );
    events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'twice', from: 'shared' });
    expect(() => events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'twice', from: 'shared' })).toThrow('two handlers');
    expect(() => events.addHandler(EVENT_TYPES.submissionWithdrawn, handler, true, { group: 'twice', from: 'shared', start: 'on-demand' })).toThrow(
      'started both on bootstrap and on demand',
    );
  });

  it('starts no group by hand that no handler names, nor any after it closed', async () => {
    const events = server();
    events.addHandler(EVENT_TYPES.submissionPublished, handler, true, { group: 'generations', from: 'shared', start: 'on-demand' });
    events.listen(() => undefined);
    await expect(events.startGroup('unknown', { instance: 'a' })).rejects.toThrow('No @EventPattern handler names group unknown');
    await events.close();
    await expect(events.startGroup('generations', { instance: 'a' })).rejects.toThrow('The event transport has closed');
  });
});
