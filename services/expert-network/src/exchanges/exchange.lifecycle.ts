import {
  type CountryCode,
  type CreateExchangeRequest,
  EVENT_TYPES,
  type ExchangeData,
  type ExchangeOutcome,
  type ExchangeResponseData,
  type ExchangeStatus,
  type RespondToExchangeRequest,
  type SharedExchangeData,
  type SharedExchangeResponseData,
} from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import { createHash } from 'node:crypto';

/** An own exchange's whole state: the full internal view its events carry. */
export type Exchange = ExchangeData;
export type ExchangeResponse = ExchangeResponseData;

export type ExchangeEventType = (typeof EVENT_TYPES)['exchangeRequested' | 'exchangeClosed'];

/** What a use case did to an exchange: its new state and the event that records it. */
export interface ExchangeChange {
  state: Exchange;
  type: ExchangeEventType;
}

/** A new answer and the event that records it. */
export interface ResponseChange {
  state: ExchangeResponse;
  type: typeof EVENT_TYPES.exchangeResponded;
}

/** How far ahead a due time may be set. */
export const DUE_WITHIN_MS = 366 * 24 * 60 * 60 * 1000;

/** No exchange with this id here (404). */
export class ExchangeNotFoundError extends Error {
  constructor(id: string) {
    super(`No exchange ${id} here`);
  }
}

/** The caller may not take the action: not the asking agency, not invited, no shared profile (403). */
export class ActionForbiddenError extends Error {}

/** The exchange's state refuses the action: closed, past its due time, answered already (409, with `currentStatus`). */
export class ExchangeConflictError extends Error {
  constructor(
    detail: string,
    readonly currentStatus: ExchangeStatus,
  ) {
    super(detail);
  }
}

/** A member of the request is valid alone but not now, e.g. a due time already past (400). */
export class InvalidExchangeFieldError extends Error {
  constructor(
    readonly pointer: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** Why an answer does not count: from a country not invited, to a closed exchange, after the due time. */
export interface AnswerRefusal {
  kind: 'uninvited' | 'closed' | 'late';
  detail: string;
}

/** The asking agency's people who speak for it in the network. */
function mayAsk(caller: Principal): boolean {
  return caller.roles.includes('liaison') || caller.roles.includes('admin');
}

/** An agency asks the network: a liaison or an admin, in the caller's agency. */
export function requestExchange(id: string, country: CountryCode, fields: CreateExchangeRequest, asker: Principal, now: string): ExchangeChange {
  if (!mayAsk(asker)) throw new ActionForbiddenError('Only a liaison or an admin asks the network on behalf of an agency');
  if (fields.dueAt <= now) throw new InvalidExchangeFieldError('/dueAt', `dueAt must be in the future (now is ${now})`);
  if (Date.parse(fields.dueAt) - Date.parse(now) > DUE_WITHIN_MS) throw new InvalidExchangeFieldError('/dueAt', 'dueAt must be within a year');
  return {
    type: EVENT_TYPES.exchangeRequested,
    state: { ...fields, id, country, version: 1, status: 'open', agency: asker.agency, requestedBy: asker.sub, createdAt: now },
  };
}

/** Only the asking agency, by a liaison or an admin, closes its open exchange; optionally with what came of it. */
export function closeExchange(exchange: Exchange, closer: Principal, outcome: ExchangeOutcome | undefined, now: string): ExchangeChange {
  if (!mayAsk(closer) || closer.agency !== exchange.agency || closer.country !== exchange.country) {
    throw new ActionForbiddenError(`Only a liaison or an admin of ${exchange.agency}, which asked, closes this exchange`);
  }
  if (exchange.status !== 'open') throw new ExchangeConflictError('The exchange is closed already', exchange.status);
  return {
    type: EVENT_TYPES.exchangeClosed,
    state: { ...exchange, version: exchange.version + 1, status: 'closed', closedAt: now, closedBy: closer.sub, ...(outcome ? { outcome } : {}) },
  };
}

/**
 * An expert of this node (`country`) answers an exchange, own or a partner's, as this node
 * knows it. A second answer of the same expert gets the same id (`responseIdOf`): the event
 * store's unique version 1 of that subject refuses it.
 */
export function respondToExchange(
  exchange: SharedExchangeData,
  responder: { principal: Principal; expertId: string },
  fields: RespondToExchangeRequest,
  country: CountryCode,
  now: string,
): ResponseChange {
  if (!responder.principal.roles.includes('expert')) throw new ActionForbiddenError('Only an expert answers an exchange');
  const refusal = answerRefusal(exchange, country, now);
  if (refusal?.kind === 'uninvited') throw new ActionForbiddenError(refusal.detail);
  if (refusal) throw new ExchangeConflictError(refusal.detail, exchange.status);
  return {
    type: EVENT_TYPES.exchangeResponded,
    state: {
      id: responseIdOf(exchange.country, exchange.id, country, responder.expertId),
      country,
      version: 1,
      exchangeId: exchange.id,
      exchangeCountry: exchange.country,
      expertId: responder.expertId,
      message: fields.message,
      originalLanguage: fields.originalLanguage,
      createdAt: now,
      respondedBy: responder.principal.sub,
    },
  };
}

/** Why an answer from `country` at `at` does not count for `exchange`; undefined when it does. */
export function answerRefusal(
  exchange: Pick<SharedExchangeData, 'id' | 'country' | 'status' | 'targetCountries' | 'dueAt'>,
  country: CountryCode,
  at: string,
): AnswerRefusal | undefined {
  if (!exchange.targetCountries.includes(country)) {
    return {
      kind: 'uninvited',
      detail: `Experts of ${country} are not invited to answer exchange ${exchange.id}; it invites ${exchange.targetCountries.join(', ')}`,
    };
  }
  if (exchange.status === 'closed') return { kind: 'closed', detail: `Exchange ${exchange.id} is closed: it takes no more answers` };
  if (at > exchange.dueAt) return { kind: 'late', detail: `Exchange ${exchange.id} took answers until ${exchange.dueAt}` };
  return undefined;
}

/**
 * Whether a recorded answer counts for the exchange as its asking node took it: from an
 * invited country, written by its due time and before any close. Lists apply it to answers
 * this node could not check on arrival (a partner's exchange that arrived after the answer).
 */
export function countsAsAnswer(
  exchange: Pick<SharedExchangeData, 'targetCountries' | 'dueAt' | 'closedAt'>,
  response: Pick<SharedExchangeResponseData, 'country' | 'createdAt'>,
): boolean {
  return (
    exchange.targetCountries.includes(response.country) &&
    response.createdAt <= exchange.dueAt &&
    (exchange.closedAt === undefined || response.createdAt <= exchange.closedAt)
  );
}

/**
 * The id of `expertId`'s (of `expertCountry`) answer to an exchange: one per expert and
 * exchange. A UUIDv7 like every entity id: the exchange's own time, then bits of a SHA-256
 * of the four names, so the same expert and exchange always give the same id.
 */
export function responseIdOf(exchangeCountry: CountryCode, exchangeId: string, expertCountry: CountryCode, expertId: string): string {
  const hash = createHash('sha256').update(`${exchangeCountry}:${exchangeId}:${expertCountry}:${expertId}`).digest('hex');
  const time = exchangeId.replaceAll('-', '').slice(0, 12);
  const variant = ((Number.parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16);
  const hex = `${time}7${hash.slice(0, 3)}${variant}${hash.slice(4, 19)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
