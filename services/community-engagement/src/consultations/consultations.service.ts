import { dataClassification, privateEventsTopic, validateEventData } from '@naperj/contracts';
import { EventStore, VersionConflictError } from '@naperj/messaging';
import { assertPrecondition, type Principal, type ServiceConfig, type VersionPrecondition, decodeCursor, pageOf } from '@naperj/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { instanceToPlain } from 'class-transformer';
import { v7 as uuidv7 } from 'uuid';
import type { CreateConsultationRequest } from './consultation.dto';
import {
  closeConsultation,
  closeConsultationByDate,
  type Consultation,
  type ConsultationChange,
  type ConsultationFields,
  ConsultationNotFoundError,
  createConsultation,
  IllegalConsultationTransitionError,
  openConsultation,
} from './consultation.lifecycle';
import { ConsultationListingsRepository } from './consultation-listings.repository';

export interface ConsultationPage {
  items: Consultation[];
  nextCursor: string | null;
}

/** What a participant without an account sees of a consultation: enough to contribute. */
export type PublicConsultation = Pick<
  Consultation,
  'id' | 'country' | 'version' | 'status' | 'title' | 'description' | 'originalLanguage' | 'actionAreas' | 'themes' | 'communities' | 'opensAt' | 'closesAt'
>;

/** The consultations use cases: each loads one consultation, changes it, records its event. */
@Injectable()
export class ConsultationsService {
  private readonly logger = new Logger(ConsultationsService.name);
  private readonly country: Consultation['country'];

  constructor(
    config: ConfigService<ServiceConfig, true>,
    private readonly events: EventStore,
    private readonly listings: ConsultationListingsRepository,
  ) {
    this.country = config.get('country', { infer: true });
  }

  create(request: CreateConsultationRequest, author: Principal): Promise<Consultation> {
    return this.record(createConsultation(uuidv7(), this.country, fieldsOf(request), author, now()));
  }

  async close(id: string, closer: Principal, precondition: VersionPrecondition): Promise<Consultation> {
    const consultation = await this.get(id);
    assertPrecondition(precondition, consultation.version);
    return this.record(closeConsultation(consultation, closer, now()));
  }

  /** The consultation as its latest event left it (read-your-writes). */
  async get(id: string): Promise<Consultation> {
    const [latest] = await this.events.latest(id, 1);
    const consultation = latest?.deliveries[0]?.data as Consultation | undefined;
    if (!consultation || !latest?.type.startsWith('org.naperj.consultation.')) throw new ConsultationNotFoundError(id);
    return consultation;
  }

  async getPublic(id: string): Promise<PublicConsultation> {
    const { country, version, status, title, description, originalLanguage, actionAreas, themes, communities, opensAt, closesAt } = await this.get(id);
    return { id, country, version, status, title, description, originalLanguage, actionAreas, themes, communities, opensAt, closesAt };
  }

  async list(limit: number, cursor: string | undefined): Promise<ConsultationPage> {
    const items = await this.listings.list(limit, decodeCursor(cursor));
    return pageOf(items, limit, ({ createdAt, id }) => ({ at: createdAt, id }));
  }

  /**
   * Opens the scheduled consultations whose `opensAt` has come and closes the open ones whose
   * `closesAt` has; the schedule runs it, tests call it with the time they need. A
   * consultation changed meanwhile by hand is left as it is.
   */
  async applySchedule(at: Date): Promise<{ opened: string[]; closed: string[] }> {
    const time = at.toISOString();
    const { toOpen, toClose } = await this.listings.due(time);
    const opened: string[] = [];
    const closed: string[] = [];
    for (const id of toOpen) {
      const consultation = await this.dueChange(id, (current) => openConsultation(current, time));
      if (!consultation) continue;
      opened.push(id);
      if (consultation.closesAt !== undefined && consultation.closesAt <= time) toClose.push(id);
    }
    for (const id of new Set(toClose)) if (await this.dueChange(id, (current) => closeConsultationByDate(current, time))) closed.push(id);
    return { opened, closed };
  }

  private async dueChange(id: string, change: (current: Consultation) => ConsultationChange): Promise<Consultation | undefined> {
    try {
      return await this.record(change(await this.get(id)));
    } catch (error) {
      // The listing lags the event store: what it called due may have changed already.
      if (error instanceof IllegalConsultationTransitionError || error instanceof VersionConflictError || error instanceof ConsultationNotFoundError)
        return undefined;
      this.logger.error({ err: error, consultationId: id }, 'A scheduled opening or closing failed');
      return undefined;
    }
  }

  /** The one decision is the event's insert; the listing follows from the private topic. */
  private async record({ state, type }: ConsultationChange): Promise<Consultation> {
    const validation = validateEventData(type, 'private', state);
    if (!validation.ok) throw new Error(`${type} data is invalid: ${validation.errors.join('; ')}`);
    await this.events.append({
      subject: state.id,
      version: state.version,
      type,
      deliveries: [
        { topic: privateEventsTopic(state.country, 'community-engagement'), dataclassification: dataClassification(type, 'private'), data: validation.value },
      ],
    });
    return state;
  }
}

/** The request as plain JSON, its dates in the events' form (UTC with milliseconds). */
function fieldsOf(request: CreateConsultationRequest): ConsultationFields {
  const fields = instanceToPlain(request, { exposeUnsetFields: false }) as ConsultationFields;
  return {
    ...fields,
    ...(fields.opensAt ? { opensAt: new Date(fields.opensAt).toISOString() } : {}),
    ...(fields.closesAt ? { closesAt: new Date(fields.closesAt).toISOString() } : {}),
  };
}

function now(): string {
  return new Date().toISOString();
}
