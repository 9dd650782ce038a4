import { EVENT_TYPES, type ExchangeData, type ExchangeResponseData } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ExchangeResponsesRepository } from './exchange-responses.repository';
import { ExchangesRepository } from './exchanges.repository';

const OWN_EXCHANGES = { group: 'own-exchanges', from: 'own' } as const;

/**
 * The node's own exchanges and its own experts' answers into the read models, from its private
 * topic: the one path that writes them. Lists follow shortly after an event is recorded; `GET`
 * of an own exchange and every command read the event store.
 */
@Controller()
export class OwnExchangesProjection {
  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly responses: ExchangeResponsesRepository,
  ) {}

  @EventPattern([EVENT_TYPES.exchangeRequested, EVENT_TYPES.exchangeClosed], OWN_EXCHANGES)
  async changed(@Payload() data: ExchangeData): Promise<void> {
    await this.exchanges.saveOwn(data);
  }

  @EventPattern(EVENT_TYPES.exchangeResponded, OWN_EXCHANGES)
  async responded(@Payload() data: ExchangeResponseData): Promise<void> {
    await this.responses.saveOwn(data);
  }
}
