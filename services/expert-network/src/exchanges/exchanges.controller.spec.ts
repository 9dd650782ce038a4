import { EVENT_DATA_EXAMPLES, EVENT_TYPES } from '@naperj/contracts';
import { documentedResponses, type ResponseSchemaCheck } from '@naperj/service-kit/testing';
import { Test } from '@nestjs/testing';
import { ExchangesController } from './exchanges.controller';
import { ExchangesService } from './exchanges.service';

const { private: ownExchange, shared: partnerExchange } = EVENT_DATA_EXAMPLES[EVENT_TYPES.exchangeRequested];
const answer = { ...EVENT_DATA_EXAMPLES[EVENT_TYPES.exchangeResponded].shared, expert: EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].shared };

// The views each route answers (exchange.view.ts): the schemas once refused every one of them.
describe('the exchanges API documentation', () => {
  let check: ResponseSchemaCheck;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ExchangesController],
      providers: [{ provide: ExchangesService, useValue: {} }],
    }).compile();
    check = documentedResponses(moduleRef.createNestApplication());
  });

  it('describes an own exchange, whole, with its count of answers', () => {
    expect(check('post', '/exchanges', 201, { ...ownExchange, responseCount: 0, responses: [] })).toEqual([]);
  });

  it("describes a partner's exchange with its answers and their experts, erased ones too", () => {
    const exchange = { ...partnerExchange, responseCount: 2, responses: [answer, { ...answer, expert: null }] };
    expect(check('get', '/exchanges/{id}', 200, exchange)).toEqual([]);
  });

  it('describes an answer with its expert', () => {
    expect(check('get', '/exchanges/{id}/responses/{responseId}', 200, answer)).toEqual([]);
  });

  it('refuses an own exchange that shows a member of neither view', () => {
    expect(check('post', '/exchanges', 201, { ...ownExchange, responseCount: 0, secret: 'x' })).not.toEqual([]);
  });
});
