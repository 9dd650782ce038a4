import { EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import {
  ActionForbiddenError,
  type Expert,
  ExpertConflictError,
  mayManage,
  type ProfileFields,
  registerExpert,
  reviseExpert,
  withdrawExpert,
} from './expert.lifecycle';

const ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';

const principal = (sub: string, roles: Principal['roles'], agency = 'mx-conapred'): Principal => ({ sub, country: 'mx', agency, roles, trilateral: false });
const expertCaller = principal('user-citlali', ['expert']);
const liaison = principal('user-liaison', ['liaison'], 'mx-sre');
const stranger = principal('user-other', ['expert']);

const fields: ProfileFields = {
  name: 'Citlali Hernández',
  bio: { es: 'Partera tradicional.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  languages: ['nah', 'es-MX'],
  consent: { shareProfile: true, contactable: true, review: false, wordingVersion: '2026-09' },
  hasContact: true,
};

const registered = (): Expert => ({ data: registerExpert(ID, 'mx', fields, expertCaller, T0).state, withdrawn: false });

describe('registerExpert', () => {
  it('registers the caller in their agency, version 1, consent stamped by the server', () => {
    const { type, state, wasShared } = registerExpert(ID, 'mx', fields, expertCaller, T0);
    expect(type).toBe(EVENT_TYPES.expertRegistered);
    expect(wasShared).toBe(false);
    expect(state).toMatchObject({ id: ID, country: 'mx', version: 1, userId: 'user-citlali', agency: 'mx-conapred', hasContact: true, reviews: false });
    expect(state.consent).toEqual({ ...fields.consent, givenAt: T0 });
    expect(state).toMatchObject({ createdAt: T0, updatedAt: T0 });
  });

  it('lets a liaison register another account, of another agency', () => {
    const { state } = registerExpert(ID, 'mx', { ...fields, userId: 'user-marcos', agency: 'mx-inpi' }, liaison, T0);
    expect(state).toMatchObject({ userId: 'user-marcos', agency: 'mx-inpi' });
  });

  it("takes the liaison's agency when the body names none", () => {
    expect(registerExpert(ID, 'mx', { ...fields, userId: 'user-marcos' }, liaison, T0).state.agency).toBe('mx-sre');
  });

  it('refuses an expert registering another account or another agency', () => {
    expect(() => registerExpert(ID, 'mx', { ...fields, userId: 'user-marcos' }, expertCaller, T0)).toThrow(ActionForbiddenError);
    expect(() => registerExpert(ID, 'mx', { ...fields, agency: 'mx-inpi' }, expertCaller, T0)).toThrow(ActionForbiddenError);
  });

  it('accepts an expert naming their own account and agency', () => {
    expect(registerExpert(ID, 'mx', { ...fields, userId: 'user-citlali', agency: 'mx-conapred' }, expertCaller, T0).state.userId).toBe('user-citlali');
  });
});

describe('reviseExpert', () => {
  it('replaces the fields at the next version, keeping account, agency and creation', () => {
    const { type, state } = reviseExpert(registered(), { ...fields, name: 'Citlali H. X.' }, expertCaller, T1);
    expect(type).toBe(EVENT_TYPES.expertUpdated);
    expect(state).toMatchObject({ version: 2, name: 'Citlali H. X.', userId: 'user-citlali', agency: 'mx-conapred', createdAt: T0, updatedAt: T1 });
  });

  it('keeps the consent time when the consent is unchanged, and stamps a changed one anew', () => {
    expect(reviseExpert(registered(), fields, expertCaller, T1).state.consent.givenAt).toBe(T0);
    const changed = reviseExpert(registered(), { ...fields, consent: { ...fields.consent, review: true } }, expertCaller, T1).state;
    expect(changed.consent).toEqual({ ...fields.consent, review: true, givenAt: T1 });
    expect(changed.reviews).toBe(true);
  });

  it('says whether partners held the profile before the change', () => {
    const stopped = reviseExpert(registered(), { ...fields, consent: { ...fields.consent, shareProfile: false } }, expertCaller, T1);
    expect(stopped.wasShared).toBe(true);
    expect(stopped.state.consent.shareProfile).toBe(false);
    const again = reviseExpert({ data: stopped.state, withdrawn: false }, fields, expertCaller, T1);
    expect(again.wasShared).toBe(false);
    expect(again.state).toMatchObject({ version: 3, consent: { shareProfile: true } });
  });

  it('is for the expert themself or a liaison or admin only', () => {
    expect(() => reviseExpert(registered(), fields, stranger, T1)).toThrow(ActionForbiddenError);
    expect(reviseExpert(registered(), fields, liaison, T1).state.version).toBe(2);
    expect(reviseExpert(registered(), fields, principal('user-admin', ['admin'], 'mx-admin'), T1).state.version).toBe(2);
  });

  it('refuses a withdrawn profile', () => {
    expect(() => reviseExpert({ ...registered(), withdrawn: true }, fields, expertCaller, T1)).toThrow(ExpertConflictError);
  });
});

describe('withdrawExpert', () => {
  it('records the withdrawal at the next version, saying whether partners held the profile', () => {
    const { type, state, wasShared } = withdrawExpert(registered(), expertCaller, T1);
    expect(type).toBe(EVENT_TYPES.expertWithdrawn);
    expect(state.version).toBe(2);
    expect(wasShared).toBe(true);
    const unshared = registerExpert(ID, 'mx', { ...fields, consent: { ...fields.consent, shareProfile: false } }, expertCaller, T0).state;
    expect(withdrawExpert({ data: unshared, withdrawn: false }, liaison, T1).wasShared).toBe(false);
  });

  it('refuses a stranger and a second withdrawal', () => {
    expect(() => withdrawExpert(registered(), stranger, T1)).toThrow(ActionForbiddenError);
    expect(() => withdrawExpert({ ...registered(), withdrawn: true }, expertCaller, T1)).toThrow(ExpertConflictError);
  });
});

describe('mayManage', () => {
  it('is the expert, a liaison or an admin', () => {
    const expert = registered().data;
    expect(mayManage(expert, expertCaller)).toBe(true);
    expect(mayManage(expert, liaison)).toBe(true);
    expect(mayManage(expert, stranger)).toBe(false);
    expect(mayManage(expert, principal('user-reviewer', ['reviewer', 'submitter']))).toBe(false);
  });
});
