import {
  type CountryCode,
  type CreateExchangeRequest,
  type ExchangeData,
  type ExchangeOutcome,
  type RespondToExchangeRequest,
  type SharedExchangeData,
  type SharedExchangeResponseData,
} from '@naperj/contracts';
import { EventStore, VersionConflictError } from '@naperj/messaging';
import { assertPrecondition, type Principal, type ServiceConfig, type VersionPrecondition, decodeCursor } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { instanceToPlain } from 'class-transformer';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryRepository, refKey } from '../directory/directory.repository';
import { AnsweringExpertsRepository } from './answering-experts.repository';
import { ExchangeEventsRepository } from './exchange-events.repository';
import {
  ActionForbiddenError,
  closeExchange,
  countsAsAnswer,
  type ExchangeChange,
  ExchangeConflictError,
  ExchangeNotFoundError,
  requestExchange,
  respondToExchange,
} from './exchange.lifecycle';
import { deliveriesOf } from './exchange.deliveries';
import { ExchangeResponsesRepository } from './exchange-responses.repository';
import { type ExchangeView, exchangeViewOf, type ResponseView, responseViewOf } from './exchange.view';
import { type ExchangeFilter, exchangeKey, ExchangesRepository } from './exchanges.repository';

export interface ExchangePage {
  items: ExchangeView[];
  nextCursor: string | null;
}

/** The exchanges use cases: each loads one exchange, changes it or answers it, records its event. */
@Injectable()
export class ExchangesService {
  private readonly country: CountryCode;

  constructor(
    config: ConfigService<ServiceConfig, true>,
    private readonly events: EventStore,
    private readonly history: ExchangeEventsRepository,
    private readonly exchanges: ExchangesRepository,
    private readonly responses: ExchangeResponsesRepository,
    private readonly experts: AnsweringExpertsRepository,
    private readonly directory: DirectoryRepository,
  ) {
    this.country = config.get('country', { infer: true });
  }

  async create(fields: CreateExchangeRequest, asker: Principal): Promise<ExchangeView> {
    const change = requestExchange(uuidv7(), this.country, plain(fields), asker, now());
    await this.record(change);
    return { ...change.state, responseCount: 0, responses: [] };
  }

  async close(id: string, outcome: ExchangeOutcome | undefined, closer: Principal, precondition: VersionPrecondition): Promise<ExchangeView> {
    const exchange = await this.history.current(id);
    if (!exchange) throw new ExchangeNotFoundError(id);
    assertPrecondition(precondition, exchange.version);
    const change = closeExchange(exchange, closer, outcome && plain(outcome), now());
    await this.record(change);
    return this.withResponses(change.state, true, closer);
  }

  /**
   * An expert of this node answers an exchange, the node's own or a partner's, as the node
   * knows it. The answer goes to the node's shared topic, and from there to the asking node.
   */
  async respond(id: string, fields: RespondToExchangeRequest, responder: Principal): Promise<ResponseView> {
    const exchange = (await this.history.current(id)) ?? (await this.exchanges.findPartner(id));
    if (!exchange) throw new ExchangeNotFoundError(id);
    const expert = await this.experts.sharedProfileOf(responder.sub);
    if (!expert) {
      throw new ActionForbiddenError(
        'Only an expert registered on this node, whose profile is shared with the directory, answers: register (with shareProfile) first',
      );
    }
    const { type, state } = respondToExchange(exchange, { principal: responder, expertId: expert.id }, plain(fields), this.country, now());
    try {
      await this.events.append({ subject: state.id, version: state.version, type, deliveries: deliveriesOf({ type, state }) });
    } catch (error) {
      // The answer's id is the expert's for this exchange: its version 1 exists, so they answered.
      if (error instanceof VersionConflictError) throw new ExchangeConflictError(`Expert ${expert.id} has answered exchange ${id} already`, exchange.status);
      throw error;
    }
    return responseViewOf(
      state,
      (await this.directory.publicProfiles([{ country: this.country, id: expert.id }])).get(refKey({ country: this.country, id: expert.id })),
    );
  }

  /** An own exchange as its events left it (the caller reads its writes); a partner's from the read model. Both with their answers. */
  async get(id: string, viewer: Principal): Promise<ExchangeView> {
    const own = await this.history.current(id);
    if (own) return this.withResponses(own, true, viewer);
    const partners = await this.exchanges.findPartner(id);
    if (!partners) throw new ExchangeNotFoundError(id);
    return this.withResponses(partners, false, viewer);
  }

  /** One answer to an exchange: an own expert's from the event store, a partner's from the read model. */
  async response(exchangeId: string, id: string): Promise<ResponseView> {
    const response = (await this.history.response(id)) ?? (await this.responses.findPartner(id))?.view;
    if (!response || response.exchangeId !== exchangeId) throw new ExchangeNotFoundError(`${exchangeId}/responses/${id}`);
    return (await this.withProfiles([response]))[0]!;
  }

  async list(filter: ExchangeFilter, limit: number, cursor: string | undefined, viewer: Principal): Promise<ExchangePage> {
    const after = decodeCursor(cursor);
    const { entries, next } = await this.exchanges.list(filter, limit, after);
    const answers = await this.responses.ofExchanges(entries.map(({ view }) => exchangeKey(view.country, view.id)));
    const items = entries.map(({ origin, view }) => ({
      ...exchangeViewOf(view, origin === 'own', viewer),
      responseCount: answers.filter((answer) => answer.exchangeKey === exchangeKey(view.country, view.id) && countsAsAnswer(view, answer)).length,
    }));
    return { items, nextCursor: next };
  }

  private async withResponses(exchange: ExchangeData | SharedExchangeData, own: boolean, viewer: Principal): Promise<ExchangeView> {
    const entries = await this.responses.ofExchange(exchange.country, exchange.id);
    const responses = await this.withProfiles(entries.filter((entry) => countsAsAnswer(exchange, entry)).map((entry) => entry.view));
    return { ...exchangeViewOf(exchange, own, viewer), responseCount: responses.length, responses };
  }

  /** Each answer with its expert's public profile, read at once for all of them. */
  private async withProfiles(responses: SharedExchangeResponseData[]): Promise<ResponseView[]> {
    const profiles = await this.directory.publicProfiles(responses.map(({ country, expertId }) => ({ country, id: expertId })));
    return responses.map((response) => responseViewOf(response, profiles.get(refKey({ country: response.country, id: response.expertId }))));
  }

  /** The one decision is the event's insert; the read models follow from the private topic (OwnExchangesProjection). */
  private async record({ type, state }: ExchangeChange): Promise<void> {
    await this.events.append({ subject: state.id, version: state.version, type, deliveries: deliveriesOf({ type, state }) });
  }
}

/** A request's members as plain JSON: options left out stay out, never `null`. */
function plain<T extends object>(request: T): T {
  return instanceToPlain(request, { exposeUnsetFields: false }) as T;
}

function now(): string {
  return new Date().toISOString();
}
