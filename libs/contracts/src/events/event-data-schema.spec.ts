import { catalogueEntry, type EventVisibility, payloadClass } from './event-catalogue';
import { EVENT_TYPES, type EventType } from './event-types';
import { eventDataSchema } from './event-data-schema';
import { SharedSubmissionData } from './submission.events';
import { ContributionHiddenData, ContributionReceivedData } from './contribution.events';
import { jsonSchemaOf } from '../domain/json-schema';
import { plainToInstance } from 'class-transformer';

const payloads: [EventType, EventVisibility][] = Object.values(EVENT_TYPES).flatMap((type) =>
  (['private', 'shared'] as const)
    .filter((visibility) => payloadClass(type, visibility))
    .map((visibility) => [type, visibility] as [EventType, EventVisibility]),
);

describe('eventDataSchema', () => {
  it.each(payloads)('describes %s (%s), requiring id, country and version', (type, visibility) => {
    const schema = eventDataSchema(type, visibility);
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'country', 'version']));
    expect(schema.properties).toMatchObject({
      id: { type: 'string' },
      country: { enum: ['us', 'mx', 'ca'] },
      version: { type: 'integer', minimum: 1 },
    });
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });

  it('inlines nested classes of a submission', () => {
    const schema = eventDataSchema(EVENT_TYPES.submissionPublished, 'private');
    expect(schema.properties?.title).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { en: { maxLength: 300 }, es: { maxLength: 300 }, fr: { maxLength: 300 } },
    });
    expect(schema.properties?.reviews).toMatchObject({
      type: 'array',
      items: { type: 'object', required: ['reviewerId', 'decision', 'comment', 'reviewedAt'] },
    });
    expect(schema.properties?.evidence).toMatchObject({
      properties: { outcomes: { properties: { es: { maxLength: 4000 } } } },
    });
  });

  it('marks insight counts nullable', () => {
    const schema = eventDataSchema(EVENT_TYPES.insightPublished, 'shared');
    expect(schema.properties?.themes).toMatchObject({
      items: {
        properties: { count: { oneOf: [{ type: 'integer', minimum: 5 }, { type: 'null' }] } },
        required: ['key', 'label', 'count', 'suppressed'],
      },
    });
  });

  it('refuses a visibility the type never has', () => {
    expect(() => eventDataSchema(EVENT_TYPES.reviewAssigned, 'shared')).toThrow('org.naperj.review.assigned.v1 is never written to a shared topic');
  });
});

describe('what the payloads can hold', () => {
  const privateOnly = ['reviews', 'internalNotes', 'submittedBy', 'status', 'submittedAt'];

  it('leaves reviewers, internal notes and accounts out of the shared submission', () => {
    const schemaProperties = Object.keys(jsonSchemaOf(SharedSubmissionData).properties ?? {});
    const instanceProperties = Object.keys(plainToInstance(SharedSubmissionData, {}));
    for (const property of privateOnly) {
      expect(schemaProperties).not.toContain(property);
      expect(instanceProperties).not.toContain(property);
    }
  });

  it('leaves contact details out of the shared expert', () => {
    const schema = eventDataSchema(EVENT_TYPES.expertRegistered, 'shared');
    const properties = Object.keys(schema.properties ?? {});
    for (const property of ['contact', 'userId', 'agency', 'consent', 'hasContact']) {
      expect(properties).not.toContain(property);
    }
  });

  it.each([EVENT_TYPES.expertRegistered, EVENT_TYPES.expertUpdated])('keeps contact details out of every view of %s', (type) => {
    for (const visibility of ['private', 'shared'] as const) {
      const serialized = JSON.stringify(eventDataSchema(type, visibility));
      for (const property of ['contact', 'email', 'phone']) expect(serialized).not.toContain(`"${property}"`);
    }
  });

  it.each([ContributionReceivedData, ContributionHiddenData])('leaves testimony and contact out of %p', (payload) => {
    const serialized = JSON.stringify(jsonSchemaOf(payload));
    const personal = ['text', 'testimony', 'contact', 'demographics', 'email', 'phone', 'receiptCode'];
    for (const property of personal) {
      expect(serialized).not.toContain(`"${property}"`);
    }
  });

  it('keeps every contribution type on its private topic', () => {
    for (const type of [EVENT_TYPES.contributionReceived, EVENT_TYPES.contributionHidden, EVENT_TYPES.contributionErased]) {
      expect(catalogueEntry(type).shared).toBeUndefined();
    }
  });
});
