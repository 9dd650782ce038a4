import { EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import { deliveriesOf } from './exchange.deliveries';
import { closeExchange, requestExchange, respondToExchange } from './exchange.lifecycle';

const LIAISON: Principal = { sub: 'ana@sre', country: 'mx', agency: 'SRE', roles: ['liaison'], trilateral: false };
const EXPERT: Principal = { sub: 'rosa@unam', country: 'mx', agency: 'UNAM', roles: ['expert'], trilateral: false };
const NOW = '2026-10-28T12:15:00.000Z';

const asked = requestExchange(
  '01a225da-4c08-72f7-b855-a228a9ac4b3f',
  'mx',
  {
    question: { es: '¿Cómo medir la discriminación en la atención médica?' },
    originalLanguage: 'es',
    actionAreas: ['health-equity'],
    languages: ['es', 'nah'],
    targetCountries: ['mx', 'ca'],
    dueAt: '2026-11-30T23:00:00.000Z',
  },
  LIAISON,
  NOW,
);

describe('exchange deliveries', () => {
  it('put a request on the private topic whole, and on the shared topic without the accounts', () => {
    const [internal, shared] = deliveriesOf(asked);
    expect(internal).toMatchObject({ topic: 'mx.expert-network.events.v1', dataclassification: 'restricted', data: { requestedBy: 'ana@sre' } });
    expect(shared).toMatchObject({ topic: 'mx.shared.exchanges.v1', dataclassification: 'confidential', data: { id: asked.state.id, status: 'open' } });
    expect(shared!.data).not.toHaveProperty('requestedBy');
    expect(shared!.tombstone).toBeUndefined();
  });

  it('share a close with its outcome, never who closed it', () => {
    const closed = closeExchange(asked.state, LIAISON, { kind: 'action-area-proposal', proposal: { es: 'Salud intercultural' } }, NOW);
    const [, shared] = deliveriesOf(closed);
    expect(shared!.data).toMatchObject({ status: 'closed', closedAt: NOW, outcome: { kind: 'action-area-proposal' } });
    expect(shared!.data).not.toHaveProperty('closedBy');
  });

  it('send an answer back on the responder’s shared topic, without the account', () => {
    const answer = respondToExchange(
      asked.state,
      { principal: EXPERT, expertId: '01a225da-4c08-72f7-b855-9f786ba59836' },
      { message: { es: 'Con encuestas de experiencia.' }, originalLanguage: 'es' },
      'mx',
      NOW,
    );
    const [internal, shared] = deliveriesOf(answer);
    expect(answer.type).toBe(EVENT_TYPES.exchangeResponded);
    expect(internal!.data).toMatchObject({ respondedBy: 'rosa@unam' });
    expect(shared).toMatchObject({ topic: 'mx.shared.exchanges.v1', data: { exchangeId: asked.state.id, exchangeCountry: 'mx' } });
    expect(shared!.data).not.toHaveProperty('respondedBy');
  });
});
