import type { CountryCode } from '../country/country-code';
import { EVENT_DATA_EXAMPLES } from './event-data-examples';
import { identityMismatch } from './event-identity';
import { EVENT_TYPES, type EventType } from './event-types';

const ID = '0193a5f0-0000-7000-8000-000000000001';
const OTHER_ID = '0193a5f0-0000-7000-8000-000000000002';

describe('identityMismatch', () => {
  it('accepts data naming the subject and the emitting country', () => {
    expect(identityMismatch(EVENT_TYPES.submissionPublished, 'us', ID, { id: ID, country: 'us', version: 9 })).toBeUndefined();
  });

  it("refuses data that claims another country's entity", () => {
    expect(identityMismatch(EVENT_TYPES.submissionPublished, 'us', ID, { id: ID, country: 'mx', version: 9 })).toBe(
      'data.country "mx" is not us, the country that emitted the event',
    );
    expect(identityMismatch(EVENT_TYPES.submissionWithdrawn, 'ca', ID, { id: ID, country: 'us', version: 9 })).toMatch(/is not ca/);
  });

  it('refuses data whose id is not the subject', () => {
    expect(identityMismatch(EVENT_TYPES.submissionPublished, 'us', ID, { id: OTHER_ID, country: 'us', version: 9 })).toBe(
      `data.id "${OTHER_ID}" is not its ce_subject "${ID}"`,
    );
  });

  it("lets an erasure receipt name a partner's profile, and only a partner's", () => {
    expect(identityMismatch(EVENT_TYPES.expertErased, 'ca', ID, { id: ID, country: 'mx', version: 3 })).toBeUndefined();
    expect(identityMismatch(EVENT_TYPES.expertErased, 'ca', ID, { id: ID, country: 'ca', version: 3 })).toMatch(/names a partner's/);
    expect(identityMismatch(EVENT_TYPES.expertErased, 'ca', ID, { id: OTHER_ID, country: 'mx', version: 3 })).toMatch(/is not its ce_subject/);
  });

  it('leaves data without identities to its validation', () => {
    expect(identityMismatch(EVENT_TYPES.submissionPublished, 'us', ID, { version: 9 })).toBeUndefined();
    expect(identityMismatch(EVENT_TYPES.submissionPublished, 'us', ID, 'not an object')).toBeUndefined();
  });

  it.each(Object.keys(EVENT_DATA_EXAMPLES) as EventType[])("holds for the contracts' example of %s as its emitter sends it", (type) => {
    for (const data of Object.values(EVENT_DATA_EXAMPLES[type]) as { id: string; country: CountryCode }[]) {
      const emitter = type === EVENT_TYPES.expertErased ? 'ca' : data.country;
      expect(identityMismatch(type, emitter, data.id, data)).toBeUndefined();
    }
  });
});
