import { type CountryCode, EVENT_TYPES, type SharedExchangeData, type SharedExchangeResponseData } from '@naperj/contracts';
import { type EventContext, EventPattern, RejectEvent } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Controller } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Ctx, Payload } from '@nestjs/microservices';
import { answerRefusal } from './exchange.lifecycle';
import { ExchangeEventsRepository } from './exchange-events.repository';
import { ExchangeResponsesRepository } from './exchange-responses.repository';
import { ExchangesRepository } from './exchanges.repository';

const PARTNER_EXCHANGES = { group: 'partner-exchanges', from: 'shared' } as const;

/**
 * Partners' exchanges and answers into the read models. The transport has already checked each
 * event's signature and that its data names its origin; entries are kept under that origin
 * (`event.source`). An answer to one of this node's own exchanges is taken only as the asking
 * node would take it from its own expert: from an invited country, while the exchange is open
 * and due, so a partner cannot slip one in after the close.
 */
@Controller()
export class PartnerExchangesProjection {
  private readonly country: CountryCode;

  constructor(
    config: ConfigService<ServiceConfig, true>,
    private readonly exchanges: ExchangesRepository,
    private readonly responses: ExchangeResponsesRepository,
    private readonly history: ExchangeEventsRepository,
  ) {
    this.country = config.get('country', { infer: true });
  }

  @EventPattern([EVENT_TYPES.exchangeRequested, EVENT_TYPES.exchangeClosed], PARTNER_EXCHANGES)
  async changed(@Payload() data: SharedExchangeData, @Ctx() event: EventContext): Promise<void> {
    if ((await this.exchanges.savePartner(event.source, data)) === 'older') {
      throw new RejectEvent(`version ${data.version} of exchange ${data.id} is older than the one held`);
    }
  }

  @EventPattern(EVENT_TYPES.exchangeResponded, PARTNER_EXCHANGES)
  async responded(@Payload() data: SharedExchangeResponseData, @Ctx() event: EventContext): Promise<void> {
    // Taken when it arrived: a replay after the close changes nothing.
    if (await this.responses.holdsPartner(event.source, data.id)) return;
    const refusal = await this.refusal(event.source, data);
    if (refusal)
      throw new RejectEvent(`The answer ${data.id} of ${event.source} to exchange ${data.exchangeCountry}:${data.exchangeId} is refused: ${refusal}`);
    await this.responses.savePartner(event.source, data);
  }

  /**
   * Why the answer is refused, if it is. The node judges its own exchanges by their state now,
   * as the answer arrives; a partner's exchange only by whom it invites, when it is known here
   * (lists hold the rest to its due time and close: `countsAsAnswer`).
   */
  private async refusal(origin: CountryCode, { exchangeCountry, exchangeId }: SharedExchangeResponseData): Promise<string | undefined> {
    if (exchangeCountry === this.country) {
      const own = await this.history.current(exchangeId);
      if (!own) return 'this node never asked it';
      return answerRefusal(own, origin, new Date().toISOString())?.detail;
    }
    const partners = await this.exchanges.partnerExchange(exchangeCountry, exchangeId);
    return partners && !partners.targetCountries.includes(origin) ? `experts of ${origin} are not invited to answer it` : undefined;
  }
}
