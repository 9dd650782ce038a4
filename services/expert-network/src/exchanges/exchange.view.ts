import {
  EVENT_TYPES,
  type ExchangeData,
  type ExchangeResponseData,
  pickSharedFields,
  type SharedExchangeData,
  type SharedExchangeResponseData,
  type SharedExpertData,
} from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';

/** An answer as the API shows it: its shareable view and the answering expert's public profile, `null` once erased. */
export type ResponseView = SharedExchangeResponseData & { expert: SharedExpertData | null };

/** An exchange as the API shows it, with how many answers count, and the answers themselves when read alone. */
export type ExchangeView = (ExchangeData | SharedExchangeData) & { responseCount: number; responses?: ResponseView[] };

/**
 * The asking agency sees its own exchange whole (who asked, who closed); everyone else, like
 * the partners, the shareable view, from the same allow-list as the shared event.
 */
export function exchangeViewOf(exchange: ExchangeData | SharedExchangeData, own: boolean, viewer: Principal): ExchangeData | SharedExchangeData {
  if (own && exchange.agency === viewer.agency) return exchange;
  return pickSharedFields(EVENT_TYPES.exchangeRequested, exchange) as SharedExchangeData;
}

/** Accounts never show: an answer is the expert's, named by their public profile. */
export function responseViewOf(response: ExchangeResponseData | SharedExchangeResponseData, expert: SharedExpertData | undefined): ResponseView {
  return { ...(pickSharedFields(EVENT_TYPES.exchangeResponded, response) as SharedExchangeResponseData), expert: expert ?? null };
}
