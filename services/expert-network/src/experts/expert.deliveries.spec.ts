import { EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import { deliveriesOf } from './expert.deliveries';
import { type ProfileFields, registerExpert, reviseExpert, withdrawExpert } from './expert.lifecycle';

const ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const NOW = '2026-11-01T10:00:00.000Z';
const caller: Principal = { sub: 'user-citlali', country: 'mx', agency: 'mx-conapred', roles: ['expert'], trilateral: false };
const consent = { shareProfile: true, contactable: true, review: true, wordingVersion: '2026-09' };
const fields: ProfileFields = {
  name: 'Citlali Hernández',
  bio: { es: 'Partera tradicional.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  languages: ['nah'],
  consent,
  hasContact: true,
};
const shared = registerExpert(ID, 'mx', fields, caller, NOW);
const unshared = registerExpert(ID, 'mx', { ...fields, consent: { ...consent, shareProfile: false } }, caller, NOW);
const summary = (change: Parameters<typeof deliveriesOf>[0]) =>
  deliveriesOf(change).map(({ topic, type, tombstone }) => ({ topic, type: type ?? change.type, tombstone: tombstone ?? false }));

describe('deliveriesOf', () => {
  it('shares a consented profile: the private view, and the public profile without account, agency, consent or contact flag', () => {
    const [privately, publicly] = deliveriesOf(shared);
    expect(privately).toMatchObject({ topic: 'mx.expert-network.events.v1', data: { userId: 'user-citlali', agency: 'mx-conapred', hasContact: true } });
    expect(publicly!.topic).toBe('mx.shared.experts.v1');
    expect(Object.keys(publicly!.data as object).sort()).toEqual(
      ['actionAreas', 'bio', 'country', 'createdAt', 'id', 'languages', 'name', 'originalLanguage', 'reviews', 'updatedAt', 'version'].sort(),
    );
  });

  it('keeps a profile registered without consent to share off the shared topic', () => {
    expect(summary(unshared)).toEqual([{ topic: 'mx.expert-network.events.v1', type: EVENT_TYPES.expertRegistered, tombstone: false }]);
  });

  it('turns consent to share off as a private update and a shared withdrawal with a tombstone', () => {
    const stopped = reviseExpert({ data: shared.state, withdrawn: false }, { ...fields, consent: { ...consent, shareProfile: false } }, caller, NOW);
    expect(summary(stopped)).toEqual([
      { topic: 'mx.expert-network.events.v1', type: EVENT_TYPES.expertUpdated, tombstone: false },
      { topic: 'mx.shared.experts.v1', type: EVENT_TYPES.expertWithdrawn, tombstone: true },
    ]);
    expect(deliveriesOf(stopped)[1]!.data).toEqual({ id: ID, country: 'mx', version: 2 });
  });

  it('shares the profile again once consent is given back', () => {
    const again = reviseExpert({ data: unshared.state, withdrawn: false }, fields, caller, NOW);
    expect(summary(again)).toEqual([
      { topic: 'mx.expert-network.events.v1', type: EVENT_TYPES.expertUpdated, tombstone: false },
      { topic: 'mx.shared.experts.v1', type: EVENT_TYPES.expertUpdated, tombstone: false },
    ]);
  });

  it('withdraws from the partners only a profile they held', () => {
    expect(summary(withdrawExpert({ data: shared.state, withdrawn: false }, caller, NOW))).toEqual([
      { topic: 'mx.expert-network.events.v1', type: EVENT_TYPES.expertWithdrawn, tombstone: false },
      { topic: 'mx.shared.experts.v1', type: EVENT_TYPES.expertWithdrawn, tombstone: true },
    ]);
    expect(summary(withdrawExpert({ data: unshared.state, withdrawn: false }, caller, NOW))).toEqual([
      { topic: 'mx.expert-network.events.v1', type: EVENT_TYPES.expertWithdrawn, tombstone: false },
    ]);
  });
});
