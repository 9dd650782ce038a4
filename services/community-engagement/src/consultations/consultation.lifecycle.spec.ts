import { EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import {
  assertTakesContributions,
  closeConsultation,
  closeConsultationByDate,
  type ConsultationFields,
  ConsultationForbiddenError,
  createConsultation,
  effectiveStatus,
  IllegalConsultationTransitionError,
  InvalidConsultationError,
  openConsultation,
} from './consultation.lifecycle';

const NOW = '2026-09-01T12:00:00.000Z';
const LATER = '2026-09-08T12:00:00.000Z';
const MUCH_LATER = '2026-10-01T12:00:00.000Z';
const ID = '01a225da-4c08-72f7-b855-af4971587482';

const liaison: Principal = { sub: 'liaison-1', country: 'mx', agency: 'IMSS-Bienestar', roles: ['liaison'] } as Principal;
const fields: ConsultationFields = {
  title: { es: 'Acceso a la salud' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  themes: [{ key: 'distance-to-clinic', label: { es: 'Distancia a la clínica' } }],
};

describe('the consultation lifecycle', () => {
  it('opens a consultation at once when it has no opensAt or one in the past', () => {
    const { type, state } = createConsultation(ID, 'mx', fields, liaison, NOW);
    expect(type).toBe(EVENT_TYPES.consultationOpened);
    expect(state).toMatchObject({ status: 'open', version: 1, opensAt: NOW, openedAt: NOW, agency: 'IMSS-Bienestar', country: 'mx' });
  });

  it('schedules one whose opensAt is in the future, and opens it when that time comes', () => {
    const { type, state } = createConsultation(ID, 'mx', { ...fields, opensAt: LATER }, liaison, NOW);
    expect(type).toBe(EVENT_TYPES.consultationScheduled);
    expect(state.status).toBe('scheduled');
    expect(state.openedAt).toBeUndefined();
    expect(() => openConsultation(state, NOW)).toThrow(IllegalConsultationTransitionError);
    const opened = openConsultation(state, LATER);
    expect(opened).toMatchObject({ type: EVENT_TYPES.consultationOpened, state: { status: 'open', version: 2, openedAt: LATER } });
  });

  it('refuses dates that contradict each other, and an exchange without its country', () => {
    const refusal = (change: Partial<ConsultationFields>) => {
      try {
        createConsultation(ID, 'mx', { ...fields, ...change }, liaison, LATER);
      } catch (error) {
        return (error as InvalidConsultationError).problems.map(({ pointer }) => pointer);
      }
      return [];
    };
    expect(refusal({ closesAt: NOW })).toContain('/closesAt');
    expect(refusal({ opensAt: MUCH_LATER, closesAt: '2026-09-20T00:00:00.000Z' })).toEqual(['/closesAt']);
    expect(refusal({ exchangeId: ID })).toEqual(['/exchangeCountry']);
    expect(refusal({ exchangeId: ID, exchangeCountry: 'ca' })).toEqual([]);
  });

  it('closes by date only an open consultation whose closesAt has come', () => {
    const { state } = createConsultation(ID, 'mx', { ...fields, closesAt: LATER }, liaison, NOW);
    expect(() => closeConsultationByDate(state, NOW)).toThrow(IllegalConsultationTransitionError);
    expect(closeConsultationByDate(state, LATER)).toMatchObject({
      type: EVENT_TYPES.consultationClosed,
      state: { status: 'closed', closedAt: LATER, version: 2 },
    });
  });

  it('is closed by hand by a liaison of its agency or an admin, once', () => {
    const { state } = createConsultation(ID, 'mx', fields, liaison, NOW);
    const otherAgency: Principal = { ...liaison, agency: 'INPI' };
    const admin = { ...otherAgency, roles: ['admin'] } as Principal;
    expect(() => closeConsultation(state, otherAgency, LATER)).toThrow(ConsultationForbiddenError);
    const closed = closeConsultation(state, admin, LATER).state;
    expect(closed.status).toBe('closed');
    expect(() => closeConsultation(closed, liaison, LATER)).toThrow(expect.objectContaining({ currentStatus: 'closed' }) as Error);
  });

  it('takes contributions only while open by its dates, whatever the schedule has recorded yet', () => {
    const { state } = createConsultation(ID, 'mx', { ...fields, opensAt: LATER, closesAt: MUCH_LATER }, liaison, NOW);
    expect(effectiveStatus(state, NOW)).toBe('scheduled');
    expect(() => assertTakesContributions(state, NOW)).toThrow(expect.objectContaining({ currentStatus: 'scheduled' }) as Error);
    expect(effectiveStatus(state, LATER)).toBe('open');
    expect(() => assertTakesContributions(state, LATER)).not.toThrow();
    expect(() => assertTakesContributions(state, MUCH_LATER)).toThrow(expect.objectContaining({ currentStatus: 'closed' }) as Error);
  });
});
