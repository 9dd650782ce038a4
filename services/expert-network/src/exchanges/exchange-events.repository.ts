import { EVENT_TYPES, type ExchangeData, type ExchangeResponseData } from '@naperj/contracts';
import { EventStore, type RecordedEvent } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';

const EXCHANGE_EVENT_TYPES: readonly string[] = [EVENT_TYPES.exchangeRequested, EVENT_TYPES.exchangeClosed];

/**
 * Own exchanges and own experts' answers as their events record them: what commands decide on
 * and what `GET` of an own exchange shows, so both read their writes. The read models follow
 * from the private topic.
 */
@Injectable()
export class ExchangeEventsRepository {
  constructor(private readonly events: EventStore) {}

  /** The exchange after its latest event (each carries the whole exchange); undefined when the node never recorded it. */
  async current(id: string): Promise<ExchangeData | undefined> {
    const [latest] = await this.events.latest(id);
    return latest && EXCHANGE_EVENT_TYPES.includes(latest.type) ? privateView<ExchangeData>(latest) : undefined;
  }

  /** An answer an expert of this node gave; undefined when there is none. */
  async response(id: string): Promise<ExchangeResponseData | undefined> {
    const [latest] = await this.events.latest(id);
    return latest?.type === EVENT_TYPES.exchangeResponded ? privateView<ExchangeResponseData>(latest) : undefined;
  }
}

/** Every event of an exchange or answer has its private view first (exchange.deliveries.ts). */
function privateView<T>(event: RecordedEvent): T {
  return event.deliveries[0]!.data as T;
}
