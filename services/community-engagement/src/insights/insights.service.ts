import { COUNTRY_CODES, type CountryCode, type InsightData, isEntityId } from '@naperj/contracts';
import { ProblemException, decodeCursor, pageOf } from '@naperj/service-kit';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type InsightFilter, InsightListingsRepository } from './insight-listings.repository';

export interface InsightPage {
  items: InsightData[];
  nextCursor: string | null;
}

/** The insights the node lists: its own consultations' and its partners', each at its latest version. */
@Injectable()
export class InsightsService {
  constructor(private readonly listings: InsightListingsRepository) {}

  async list(filter: InsightFilter, limit: number, cursor: string | undefined): Promise<InsightPage> {
    const position = decodeCursor(cursor);
    const listings = await this.listings.list(filter, limit, position && { consultationId: position.at, id: position.id });
    const page = pageOf(listings, limit, ({ consultationId, _id }) => ({ at: consultationId, id: _id }));
    return { items: page.items.map(({ view }) => view), nextCursor: page.nextCursor };
  }

  async get(country: string, consultationId: string): Promise<InsightData> {
    const insight = isCountry(country) && isEntityId(consultationId) ? await this.listings.find(country, consultationId) : undefined;
    if (!insight) throw new ProblemException(HttpStatus.NOT_FOUND, `No insight of ${country}'s consultation ${consultationId} is known here`);
    return insight;
  }
}

function isCountry(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value);
}
