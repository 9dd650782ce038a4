import { SERVICE_NAMES } from '../service/service-name';
import { SHARED_STREAMS } from '../topics/topic-names';
import { catalogueEntry, dataClassification, EVENT_CATALOGUE, payloadClass, typesOfService, typesOnSharedStream } from './event-catalogue';
import { RemovalData } from './event-data';
import { EVENT_TYPES, type EventType } from './event-types';

const allTypes = Object.values(EVENT_TYPES);
const removals = allTypes.filter((type) => /\.(withdrawn|erased)\.v1$/.test(type));

describe('EVENT_CATALOGUE', () => {
  it('has one entry per event type, under its own type', () => {
    expect(Object.keys(EVENT_CATALOGUE).sort()).toEqual([...allTypes].sort());
    for (const type of allTypes) expect(catalogueEntry(type).type).toBe(type);
  });

  it.each(allTypes)('names the entity of %s as its type does', (type) => {
    expect(type).toBe(`org.naperj.${catalogueEntry(type).entity}.${type.split('.')[3]}.v1`);
  });

  it.each(allTypes)('gives %s a payload, and a classification for each visibility it has', (type) => {
    const entry = catalogueEntry(type);
    expect(entry.privatePayload ?? entry.shared?.payload).toBeDefined();
    expect(entry.classification.private !== undefined).toBe(entry.privatePayload !== undefined);
    expect(entry.classification.shared !== undefined).toBe(entry.shared !== undefined);
  });

  it.each(removals)('carries only {id, country, version, reason?} for %s', (type) => {
    expect(payloadClass(type, 'private')).toBe(RemovalData);
    const shared = payloadClass(type, 'shared');
    if (shared) expect(shared).toBe(RemovalData);
  });

  it('follows a removal with a tombstone wherever it is compacted, and nothing else', () => {
    const tombstoned = allTypes.filter((type) => catalogueEntry(type).tombstone);
    expect(tombstoned.sort()).toEqual(removals.filter((type) => catalogueEntry(type).shared !== undefined).sort());
  });
});

describe('what crosses borders', () => {
  it.each([
    ['submissions', ['org.naperj.submission.published.v1', 'org.naperj.submission.withdrawn.v1']],
    ['experts', ['org.naperj.expert.registered.v1', 'org.naperj.expert.updated.v1', 'org.naperj.expert.withdrawn.v1', 'org.naperj.expert.erased.v1']],
    ['exchanges', ['org.naperj.exchange.requested.v1', 'org.naperj.exchange.responded.v1', 'org.naperj.exchange.closed.v1']],
    ['insights', ['org.naperj.insight.published.v1']],
    ['heartbeats', ['org.naperj.node.heartbeat.v1']],
  ] as const)('the %s stream carries %p', (stream, types) => {
    expect(typesOnSharedStream(stream)).toEqual(types);
  });

  it('lists every shared stream', () => {
    expect(SHARED_STREAMS.flatMap(typesOnSharedStream)).toHaveLength(allTypes.filter((type) => catalogueEntry(type).shared).length);
  });

  it.each<EventType>([
    'org.naperj.submission.drafted.v1',
    'org.naperj.submission.reviewed.v1',
    'org.naperj.review.assigned.v1',
    'org.naperj.consultation.scheduled.v1',
    'org.naperj.consultation.opened.v1',
    'org.naperj.contribution.received.v1',
    'org.naperj.contribution.hidden.v1',
    'org.naperj.contribution.erased.v1',
  ])('keeps %s at home', (type) => {
    expect(catalogueEntry(type).shared).toBeUndefined();
  });
});

describe('typesOfService', () => {
  it('splits every type among the four services', () => {
    expect(SERVICE_NAMES.flatMap(typesOfService).sort()).toEqual([...allTypes].sort());
  });

  it('gives review assignment to expert-network and the heartbeat to reporting', () => {
    expect(typesOfService('expert-network')).toContain('org.naperj.review.assigned.v1');
    expect(typesOfService('reporting')).toEqual(['org.naperj.node.heartbeat.v1']);
  });
});

describe('dataClassification', () => {
  it('follows the sharing level of a submission', () => {
    const published = 'org.naperj.submission.published.v1';
    expect(dataClassification(published, 'shared', 'public')).toBe('public');
    expect(dataClassification(published, 'shared', 'trilateral')).toBe('confidential');
    expect(dataClassification('org.naperj.submission.withdrawn.v1', 'shared', 'public')).toBe('public');
  });

  it('refuses to classify a submission that may not cross a border', () => {
    expect(() => dataClassification('org.naperj.submission.published.v1', 'shared', 'national')).toThrow(/trilateral/);
    expect(() => dataClassification('org.naperj.submission.published.v1', 'shared')).toThrow();
  });

  it('marks private views with personal data restricted', () => {
    expect(dataClassification('org.naperj.expert.registered.v1', 'private')).toBe('restricted');
    expect(dataClassification('org.naperj.expert.registered.v1', 'shared')).toBe('confidential');
    expect(dataClassification('org.naperj.consultation.opened.v1', 'private')).toBe('internal');
  });

  it('refuses a visibility the type never has', () => {
    expect(() => dataClassification('org.naperj.node.heartbeat.v1', 'private')).toThrow('org.naperj.node.heartbeat.v1 is never written to a private topic');
  });
});
