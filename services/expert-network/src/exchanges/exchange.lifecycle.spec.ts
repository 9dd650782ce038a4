import { type CreateExchangeRequest, EVENT_TYPES, isEntityId, type SharedExchangeData, validateEventData } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import {
  ActionForbiddenError,
  answerRefusal,
  closeExchange,
  countsAsAnswer,
  type Exchange,
  ExchangeConflictError,
  InvalidExchangeFieldError,
  requestExchange,
  respondToExchange,
  responseIdOf,
} from './exchange.lifecycle';

const ID = '01a225da-4c08-72f7-b855-a228a9ac4b3f';
const EXPERT = '01a225da-4c08-72f7-b855-9f786ba59836';
const NOW = '2026-10-28T12:15:00.000Z';
const LATER = '2026-11-02T09:00:00.000Z';

const person = (roles: Principal['roles'], agency = 'PHAC', country: Principal['country'] = 'ca', sub = 'ana@phac'): Principal => ({
  sub,
  country,
  agency,
  roles,
  trilateral: false,
});
const LIAISON = person(['liaison']);

const fields: CreateExchangeRequest = {
  question: { fr: 'Comment former des agentes de santé communautaire autochtones ?' },
  originalLanguage: 'fr',
  actionAreas: ['health-equity'],
  languages: ['fr', 'cr'],
  targetCountries: ['mx', 'us'],
  dueAt: '2026-11-30T23:00:00.000Z',
};

const asked = (): Exchange => requestExchange(ID, 'ca', fields, LIAISON, NOW).state;
const answer = { message: { es: 'Formamos a las promotoras en su lengua.' }, originalLanguage: 'es' } as const;
const MX_EXPERT = { principal: person(['expert'], 'INSP', 'mx', 'citlali@insp'), expertId: EXPERT };

describe('exchange lifecycle', () => {
  describe('asking the network', () => {
    it('opens version 1 for the asker’s agency, valid as its events', () => {
      const { type, state } = requestExchange(ID, 'ca', fields, LIAISON, NOW);
      expect(type).toBe(EVENT_TYPES.exchangeRequested);
      expect(state).toEqual({ ...fields, id: ID, country: 'ca', version: 1, status: 'open', agency: 'PHAC', requestedBy: 'ana@phac', createdAt: NOW });
      expect(validateEventData(type, 'private', state)).toMatchObject({ ok: true });
    });

    it('is for liaisons and admins only', () => {
      expect(() => requestExchange(ID, 'ca', fields, person(['admin']), NOW)).not.toThrow();
      expect(() => requestExchange(ID, 'ca', fields, person(['submitter', 'expert']), NOW)).toThrow(ActionForbiddenError);
    });

    it('needs a due time in the future and within a year', () => {
      expect(() => requestExchange(ID, 'ca', { ...fields, dueAt: NOW }, LIAISON, NOW)).toThrow(
        new InvalidExchangeFieldError('/dueAt', `dueAt must be in the future (now is ${NOW})`),
      );
      expect(() => requestExchange(ID, 'ca', { ...fields, dueAt: '2027-12-01T00:00:00.000Z' }, LIAISON, NOW)).toThrow('dueAt must be within a year');
    });
  });

  describe('closing', () => {
    it('closes at a new version, with who and when, and the outcome named', () => {
      const outcome = { kind: 'submission', submissionId: '01a225da-4c05-72c1-95c7-7614e4a3066b' } as const;
      const { type, state } = closeExchange(asked(), LIAISON, outcome, LATER);
      expect(type).toBe(EVENT_TYPES.exchangeClosed);
      expect(state).toMatchObject({ version: 2, status: 'closed', closedAt: LATER, closedBy: 'ana@phac', outcome, createdAt: NOW });
      expect(validateEventData(type, 'private', state)).toMatchObject({ ok: true });
      expect(closeExchange(asked(), LIAISON, undefined, LATER).state).not.toHaveProperty('outcome');
    });

    it('is for the asking agency only, by a liaison or an admin', () => {
      expect(() => closeExchange(asked(), person(['admin']), undefined, LATER)).not.toThrow();
      expect(() => closeExchange(asked(), person(['liaison'], 'Statistics Canada'), undefined, LATER)).toThrow(ActionForbiddenError);
      expect(() => closeExchange(asked(), person(['admin'], 'PHAC', 'mx'), undefined, LATER)).toThrow(ActionForbiddenError);
      expect(() => closeExchange(asked(), person(['submitter']), undefined, LATER)).toThrow(ActionForbiddenError);
    });

    it('refuses a closed exchange, naming its status', () => {
      const closed = closeExchange(asked(), LIAISON, undefined, LATER).state;
      expect(() => closeExchange(closed, LIAISON, undefined, LATER)).toThrow(new ExchangeConflictError('The exchange is closed already', 'closed'));
    });
  });

  describe('answering', () => {
    const shared = (): SharedExchangeData => asked();

    it('records the answer of an invited country’s expert, on its node, valid as its events', () => {
      const { type, state } = respondToExchange(shared(), MX_EXPERT, answer, 'mx', LATER);
      expect(type).toBe(EVENT_TYPES.exchangeResponded);
      expect(state).toEqual({
        id: responseIdOf('ca', ID, 'mx', EXPERT),
        country: 'mx',
        version: 1,
        exchangeId: ID,
        exchangeCountry: 'ca',
        expertId: EXPERT,
        ...answer,
        createdAt: LATER,
        respondedBy: 'citlali@insp',
      });
      expect(validateEventData(type, 'private', state)).toMatchObject({ ok: true });
    });

    it('refuses an expert of a country not invited (403)', () => {
      expect(() => respondToExchange(shared(), MX_EXPERT, answer, 'ca', LATER)).toThrow(ActionForbiddenError);
      expect(() => respondToExchange(shared(), MX_EXPERT, answer, 'ca', LATER)).toThrow('Experts of ca are not invited to answer');
    });

    it('lets the asking country’s own experts answer when it invites them', () => {
      expect(() => respondToExchange({ ...shared(), targetCountries: ['ca', 'mx'] }, MX_EXPERT, answer, 'ca', LATER)).not.toThrow();
    });

    it('refuses a closed exchange and one past its due time (409)', () => {
      const closed = closeExchange(asked(), LIAISON, undefined, LATER).state;
      expect(() => respondToExchange(closed, MX_EXPERT, answer, 'mx', LATER)).toThrow(
        new ExchangeConflictError(`Exchange ${ID} is closed: it takes no more answers`, 'closed'),
      );
      expect(() => respondToExchange(shared(), MX_EXPERT, answer, 'mx', '2026-11-30T23:00:00.001Z')).toThrow(
        new ExchangeConflictError(`Exchange ${ID} took answers until 2026-11-30T23:00:00.000Z`, 'open'),
      );
      expect(() => respondToExchange(shared(), MX_EXPERT, answer, 'mx', fields.dueAt)).not.toThrow();
    });

    it('is for experts only', () => {
      expect(() => respondToExchange(shared(), { ...MX_EXPERT, principal: person(['liaison'], 'INSP', 'mx') }, answer, 'mx', LATER)).toThrow(
        ActionForbiddenError,
      );
    });

    it('names the reason an answer is refused, uninvited before closed before late', () => {
      const closed = { ...closeExchange(asked(), LIAISON, undefined, LATER).state, dueAt: NOW };
      expect(answerRefusal(closed, 'ca', LATER)?.kind).toBe('uninvited');
      expect(answerRefusal(closed, 'mx', LATER)?.kind).toBe('closed');
      expect(answerRefusal({ ...shared(), dueAt: NOW }, 'mx', LATER)?.kind).toBe('late');
      expect(answerRefusal(shared(), 'us', LATER)).toBeUndefined();
    });

    it('counts an answer recorded by the due time and before the close, from an invited country', () => {
      const closed = closeExchange(asked(), LIAISON, undefined, LATER).state;
      expect(countsAsAnswer(closed, { country: 'mx', createdAt: LATER })).toBe(true);
      expect(countsAsAnswer(closed, { country: 'mx', createdAt: '2026-11-02T09:00:00.001Z' })).toBe(false);
      expect(countsAsAnswer(shared(), { country: 'ca', createdAt: LATER })).toBe(false);
      expect(countsAsAnswer(shared(), { country: 'us', createdAt: '2026-12-01T00:00:00.000Z' })).toBe(false);
    });
  });

  describe('response ids', () => {
    it('are one UUIDv7 per exchange and expert, the same every time', () => {
      const id = responseIdOf('ca', ID, 'mx', EXPERT);
      expect(isEntityId(id)).toBe(true);
      expect(responseIdOf('ca', ID, 'mx', EXPERT)).toBe(id);
      expect(id.slice(0, 13)).toBe(ID.slice(0, 13));
    });

    it('differ for another expert, another expert country or another exchange', () => {
      const id = responseIdOf('ca', ID, 'mx', EXPERT);
      expect(responseIdOf('ca', ID, 'mx', '01a225da-4c08-72f7-b855-9f786ba59837')).not.toBe(id);
      expect(responseIdOf('ca', ID, 'us', EXPERT)).not.toBe(id);
      expect(responseIdOf('us', ID, 'mx', EXPERT)).not.toBe(id);
    });
  });
});
