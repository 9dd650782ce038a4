import { EVENT_DATA_EXAMPLES, EVENT_TYPES, type ExpertData } from '@naperj/contracts';
import { languageKeysOf, partnerEntryId, publicProfileOf, refKey } from './directory.repository';

describe('languageKeysOf', () => {
  it('finds a tag by itself and by its primary subtag, in lower case', () => {
    expect(languageKeysOf(['es-MX', 'nah', 'fr-CA', 'fr'])).toEqual(['es-mx', 'es', 'nah', 'fr-ca', 'fr']);
  });
});

describe('publicProfileOf', () => {
  const expert: ExpertData = EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].private;

  it('keeps of an own expert only what partners see: no account, agency, consent or contact flag', () => {
    const profile = publicProfileOf({ _id: expert.id, origin: 'own', country: 'mx', expertId: expert.id, version: 1, view: expert });
    expect(profile).toEqual(EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].shared);
    for (const hidden of ['userId', 'agency', 'consent', 'hasContact']) expect(profile).not.toHaveProperty(hidden);
  });
});

describe('entry keys', () => {
  it("keeps partners' experts under their country, apart from own ones", () => {
    expect(partnerEntryId('us', 'x')).toBe('us:x');
    expect(refKey({ country: 'mx', id: 'x' })).toBe('mx:x');
  });
});
