import type { Principal } from '@naperj/service-kit';
import { createConsultation } from '../consultations/consultation.lifecycle';
import type { CreateContributionRequest } from './contribution.dto';
import { eraseContribution, hideContribution, IllegalContributionTransitionError, InvalidContributionError, receiveContribution } from './contribution.rules';

const NOW = '2026-09-01T12:00:00.000Z';
const CONSULTATION_ID = '01a225da-4c08-72f7-b855-af4971587482';
const ID = '01a225da-4c08-72f7-b855-b3f392732b0d';
const liaison = { sub: 'liaison-1', country: 'mx', agency: 'IMSS-Bienestar', roles: ['liaison'] } as Principal;

const consultation = createConsultation(
  CONSULTATION_ID,
  'mx',
  {
    title: { es: 'Acceso a la salud' },
    originalLanguage: 'es',
    actionAreas: ['health-equity', 'education'],
    themes: [
      { key: 'language-barriers', label: { es: 'Barreras de idioma' } },
      { key: 'distance-to-clinic', label: { es: 'Distancia' } },
    ],
  },
  liaison,
  '2026-08-01T00:00:00.000Z',
).state;

const request: CreateContributionRequest = {
  text: 'En la clínica nadie habla amuzgo.',
  language: 'amu',
  themes: ['language-barriers'],
  demographics: { ageBand: '30-44', identityGroups: ['indigenous'] },
  contact: { email: 'participante@example.org' },
  consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09' },
};
const context = { id: ID, now: NOW, retentionDays: 365, source: 'public' as const };

describe('receiving a contribution', () => {
  it('keeps the testimony until the retention period ends, and puts only tags and consent in the event', () => {
    const { contribution, event } = receiveContribution(consultation, request, context);
    expect(contribution).toMatchObject({
      status: 'received',
      version: 1,
      actionAreas: ['health-equity', 'education'],
      consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09', givenAt: NOW },
      eraseAfter: '2027-09-01T12:00:00.000Z',
      testimony: { text: request.text, language: 'amu', contact: request.contact, demographics: request.demographics },
    });
    expect(event).toEqual({
      id: ID,
      country: 'mx',
      version: 1,
      consultationId: CONSULTATION_ID,
      themes: ['language-barriers'],
      actionAreas: ['health-equity', 'education'],
      consent: { store: true, shareAnonymized: true },
      receivedAt: NOW,
    });
  });

  it('keeps nothing personal without consent to store it', () => {
    const { contribution } = receiveContribution(consultation, { ...request, consent: { ...request.consent, store: false } }, context);
    expect(contribution.testimony).toBeUndefined();
    expect(contribution.eraseAfter).toBeUndefined();
    expect(JSON.stringify(contribution)).not.toMatch(/amuzgo|participante|indigenous|30-44/);
  });

  it('refuses themes and action areas the consultation does not offer, each by its pointer', () => {
    const refusal = () => receiveContribution(consultation, { ...request, themes: ['language-barriers', 'housing'], actionAreas: ['justice-system'] }, context);
    expect(refusal).toThrow(InvalidContributionError);
    try {
      refusal();
    } catch (error) {
      expect((error as InvalidContributionError).problems.map(({ pointer }) => pointer)).toEqual(['/themes/1', '/actionAreas/0']);
    }
  });

  it('refuses a contribution to a closed consultation with its status', () => {
    const closed = { ...consultation, status: 'closed' as const };
    expect(() => receiveContribution(closed, request, context)).toThrow(expect.objectContaining({ currentStatus: 'closed' }) as Error);
  });
});

describe('moderating and erasing a contribution', () => {
  const state = { id: ID, country: 'mx' as const, consultationId: CONSULTATION_ID, version: 1, status: 'received' as const };

  it('hides it once, with an event that names it and its consultation only', () => {
    const hidden = hideContribution(state, NOW);
    expect(hidden.event).toEqual({ id: ID, country: 'mx', version: 2, consultationId: CONSULTATION_ID, hiddenAt: NOW });
    expect(() => hideContribution({ ...state, status: 'hidden', version: 2 }, NOW)).toThrow(IllegalContributionTransitionError);
  });

  it('erases it with a removal that repeats nothing of it', () => {
    expect(eraseContribution(state, 'Consent withdrawn')).toEqual({ id: ID, country: 'mx', version: 2, reason: 'Consent withdrawn' });
  });
});
