import { EVENT_DATA_EXAMPLES } from './event-data-examples';
import { type EventVisibility } from './event-catalogue';
import { type EventType } from './event-types';
import { pickSharedFields, toSharedData, validateEventData } from './validate-event-data';

const examples: [EventType, EventVisibility, Record<string, unknown>][] = Object.entries(EVENT_DATA_EXAMPLES).flatMap(([type, byVisibility]) =>
  Object.entries(byVisibility).map(
    ([visibility, data]) =>
      [type as EventType, visibility as EventVisibility, data as Record<string, unknown>] as [EventType, EventVisibility, Record<string, unknown>],
  ),
);

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('validateEventData', () => {
  it.each(examples)('accepts the example of %s (%s)', (type, visibility, data) => {
    expect(validateEventData(type, visibility, clone(data))).toEqual({ ok: true, value: data });
  });

  describe.each(examples)('%s (%s)', (type, visibility, data) => {
    it.each(['id', 'country', 'version'])('rejects data without %s', (property) => {
      const { [property]: _missing, ...rest } = clone(data);
      const result = validateEventData(type, visibility, rest);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.some((error) => error.startsWith(`${property}: `))).toBe(true);
    });

    it('rejects an unknown field', () => {
      expect(validateEventData(type, visibility, { ...clone(data), note: 'hi' })).toEqual({
        ok: false,
        errors: ['note: property note should not exist'],
      });
    });
  });

  it.each([
    ['a version below 1', { version: 0 }],
    ['a version in a string', { version: '5' }],
    ['a fractional version', { version: 1.5 }],
    ['an unknown country', { country: 'br' }],
    ['a UUIDv4 id', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }],
  ])('rejects %s', (_case, change) => {
    const data = { ...clone(EVENT_DATA_EXAMPLES['org.naperj.expert.withdrawn.v1'].shared), ...change };
    expect(validateEventData('org.naperj.expert.withdrawn.v1', 'shared', data).ok).toBe(false);
  });

  it('rejects unknown fields at any depth, with their path', () => {
    const data = clone(EVENT_DATA_EXAMPLES['org.naperj.submission.published.v1'].private);
    Object.assign(data.reviews[0]!, { reviewerName: 'Citlali' });
    Object.assign(data.title, { de: 'Gemeindegesundheit' });
    const result = validateEventData('org.naperj.submission.published.v1', 'private', data);
    expect(result).toEqual({
      ok: false,
      errors: expect.arrayContaining(['title.de: property de should not exist', 'reviews.0.reviewerName: property reviewerName should not exist']) as unknown,
    });
  });

  it.each([null, 'text', [], 42])('rejects %p as data', (data) => {
    expect(validateEventData('org.naperj.node.heartbeat.v1', 'shared', data)).toEqual({
      ok: false,
      errors: ['data must be a JSON object'],
    });
  });

  it('rejects a visibility the type never has', () => {
    const data = EVENT_DATA_EXAMPLES['org.naperj.contribution.received.v1'].private;
    expect(validateEventData('org.naperj.contribution.received.v1', 'shared', data)).toEqual({
      ok: false,
      errors: ['org.naperj.contribution.received.v1 is never written to a shared topic'],
    });
  });

  it('returns plain data without unset fields', () => {
    const result = validateEventData('org.naperj.expert.erased.v1', 'shared', EVENT_DATA_EXAMPLES['org.naperj.expert.erased.v1'].shared);
    expect(result.ok && Object.keys(result.value)).toEqual(['id', 'country', 'version']);
  });
});

describe('the shared submission view', () => {
  const published = 'org.naperj.submission.published.v1';
  const shared = EVENT_DATA_EXAMPLES[published].shared;

  it.each([
    ['reviews', []],
    ['internalNotes', 'Confirmar con Oaxaca.'],
    ['submittedBy', 'dev-mx-imss-bienestar'],
    ['status', 'published'],
  ])('refuses the private field %s', (property, value) => {
    expect(validateEventData(published, 'shared', { ...clone(shared), [property]: value })).toEqual({
      ok: false,
      errors: [`${property}: property ${property} should not exist`],
    });
  });

  it('refuses a national submission', () => {
    expect(validateEventData(published, 'shared', { ...clone(shared), sharing: 'national' }).ok).toBe(false);
  });
});

describe('the insight view', () => {
  const type = 'org.naperj.insight.published.v1';

  it('refuses a count below k that is not suppressed', () => {
    const data = clone(EVENT_DATA_EXAMPLES[type].shared);
    data.themes[2] = { ...data.themes[2]!, count: 3, suppressed: false };
    expect(validateEventData(type, 'shared', data)).toEqual({
      ok: false,
      errors: ['themes.2.count: count must be null when suppressed is true, else an integer of at least 5'],
    });
  });

  it('refuses a suppressed count that still carries its number', () => {
    const data = clone(EVENT_DATA_EXAMPLES[type].shared);
    data.themes[2] = { ...data.themes[2]!, count: 3 };
    expect(validateEventData(type, 'shared', data).ok).toBe(false);
  });
});

describe('toSharedData', () => {
  it.each(examples.filter(([, visibility]) => visibility === 'shared'))('turns the private example of %s into its shared example', (type) => {
    const { private: privateData, shared } = EVENT_DATA_EXAMPLES[type] as {
      private?: object;
      shared: object;
    };
    if (!privateData) return;
    expect(toSharedData(type, clone(privateData))).toEqual({ ok: true, value: shared });
  });

  it('fails instead of sharing a national submission', () => {
    const data = {
      ...clone(EVENT_DATA_EXAMPLES['org.naperj.submission.published.v1'].private),
      sharing: 'national',
    };
    expect(toSharedData('org.naperj.submission.published.v1', data).ok).toBe(false);
  });

  it('refuses a type that never crosses a border', () => {
    const data = EVENT_DATA_EXAMPLES['org.naperj.review.assigned.v1'].private;
    expect(toSharedData('org.naperj.review.assigned.v1', data)).toEqual({
      ok: false,
      errors: ['org.naperj.review.assigned.v1 never crosses a border'],
    });
  });
});

describe('pickSharedFields', () => {
  const type = 'org.naperj.submission.published.v1';

  it('keeps only what the shared payload class declares, unknown fields included', () => {
    const data = { ...clone(EVENT_DATA_EXAMPLES[type].private), secretNote: 'not for partners' };
    const picked = pickSharedFields(type, data);
    expect(picked).toEqual(EVENT_DATA_EXAMPLES[type].shared);
    expect(picked).not.toHaveProperty('secretNote');
  });

  it('picks without validating: the allow-list of a national submission', () => {
    const data = { ...clone(EVENT_DATA_EXAMPLES[type].private), sharing: 'national' };
    expect(pickSharedFields(type, data)).toMatchObject({ sharing: 'national' });
  });

  it('has nothing for a type that never crosses a border', () => {
    expect(pickSharedFields('org.naperj.review.assigned.v1', EVENT_DATA_EXAMPLES['org.naperj.review.assigned.v1'].private)).toBeUndefined();
  });
});
