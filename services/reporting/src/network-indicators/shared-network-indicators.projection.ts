import { EVENT_TYPES, type RemovalData, type SharedExchangeData, type SharedExchangeResponseData, type SharedExpertData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Controller } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Ctx, Payload } from '@nestjs/microservices';
import { FROM_PEER_TOPICS } from '../indicators/indicator-projection.options';
import { expertCounts } from './expert-counts';
import { NetworkIndicatorGenerations } from './network-indicator-generations.service';

/**
 * Every country's shared topics, the node's own included. Withdrawals and receipts: the
 * node's own withdrawals are what partners must confirm, and its own receipts confirm theirs;
 * the group then reads the node's own profiles there too, which it counts from its private
 * topic instead (unshared ones included). Exchanges: every request, closing and answer is
 * shared, and a compacted shared topic keeps each one's latest state for a rebuild, where the
 * private topic keeps 30 days.
 */
const FROM_EVERY_SHARED_TOPIC = { ...FROM_PEER_TOPICS, origins: 'all' } as const;

/**
 * The expert network from the shared topics: partners' consented profiles, counted under the
 * country whose signature the transport verified (`event.source`) until withdrawn; and from
 * every country, the node's own included, requests with the answers its experts wrote,
 * withdrawals of shared profiles and erasure receipts.
 */
@Controller()
export class SharedNetworkIndicatorsProjection {
  private readonly country: ServiceConfig['country'];

  constructor(
    private readonly generations: NetworkIndicatorGenerations,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  @EventPattern([EVENT_TYPES.expertRegistered, EVENT_TYPES.expertUpdated], FROM_EVERY_SHARED_TOPIC)
  async expert(@Payload() data: SharedExpertData, @Ctx() event: EventContext): Promise<void> {
    if (event.source === this.country) return;
    await this.generations.forEvent(event).recordExpert(event.source, data.id, data.version, expertCounts(event.source, data), event);
  }

  @EventPattern(EVENT_TYPES.expertWithdrawn, FROM_EVERY_SHARED_TOPIC)
  async expertWithdrawn(@Payload() { id, version }: RemovalData, @Ctx() event: EventContext): Promise<void> {
    const store = this.generations.forEvent(event);
    if (event.source !== this.country) await store.recordExpert(event.source, id, version, [], event);
    await store.recordWithdrawal({ origin: event.source, profile: `${event.source}:${id}`, version, at: event.time });
  }

  /** `event.source` erased its copy of the profile the data names, of another country (the transport checked). */
  @EventPattern(EVENT_TYPES.expertErased, FROM_EVERY_SHARED_TOPIC)
  async expertErased(@Payload() { id, country, version }: RemovalData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).recordReceipt({ eraser: event.source, origin: country, profile: `${country}:${id}`, version, at: event.time });
  }

  @EventPattern([EVENT_TYPES.exchangeRequested, EVENT_TYPES.exchangeClosed], FROM_EVERY_SHARED_TOPIC)
  async exchange(@Payload() { id, version, status, createdAt, closedAt }: SharedExchangeData, @Ctx() event: EventContext): Promise<void> {
    await this.generations
      .forEvent(event)
      .recordExchange({ _id: `${event.source}:${id}`, country: event.source, version, status, createdAt, ...(closedAt ? { closedAt } : {}) });
  }

  @EventPattern(EVENT_TYPES.exchangeResponded, FROM_EVERY_SHARED_TOPIC)
  async responded(@Payload() { exchangeCountry, exchangeId, createdAt }: SharedExchangeResponseData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).recordAnswer(`${exchangeCountry}:${exchangeId}`, createdAt, event);
  }
}
