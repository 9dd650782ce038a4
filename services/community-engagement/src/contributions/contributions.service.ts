import { type ContributorDemographics, dataClassification, type EventType, privateEventsTopic, validateEventData } from '@naperj/contracts';
import { EventStore, type RecordedEvent } from '@naperj/messaging';
import { assertPrecondition, FieldCipher, type Principal, type ServiceConfig, type VersionPrecondition, decodeCursor, pageOf } from '@naperj/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService, type ConfigType } from '@nestjs/config';
import { v7 as uuidv7 } from 'uuid';
import { communityEngagementConfig } from '../config/community-engagement-config';
import { ConsultationsService } from '../consultations/consultations.service';
import type { CreateContributionRequest } from './contribution.dto';
import {
  CONTRIBUTION_EVENT_TYPES,
  ContributionNotFoundError,
  type ContributionSource,
  type ContributionState,
  eraseContribution,
  hideContribution,
  type NewContribution,
  receiveContribution,
} from './contribution.rules';
import type { Contribution } from './contribution.schema';
import { ContributionsRepository } from './contributions.repository';
import { hashReceiptCode, newReceiptCode, receiptCodeMatches } from './receipt-code';

/** The answer to a contribution: its id and the receipt code, shown this once. */
export interface ContributionReceipt {
  id: string;
  receiptCode: string;
}

/** A contribution as liaisons list it: the testimony, never the contact (only whether there is one). */
export interface ContributionView {
  id: string;
  consultationId: string;
  version: number;
  status: Contribution['status'];
  themes: string[];
  actionAreas: string[];
  consent: Contribution['consent'];
  source: ContributionSource;
  receivedAt: string;
  text?: string;
  language?: string;
  demographics?: ContributorDemographics;
  hasContact: boolean;
  testimonyErasedAt?: string;
  hiddenAt?: string;
  hiddenReason?: string;
}

export interface ContributionPage {
  items: ContributionView[];
  nextCursor: string | null;
}

/** A hash no receipt code has, compared when the id is unknown so both cases take as long. */
const NO_SUCH_HASH = hashReceiptCode('unknown contribution');

/**
 * The contributions use cases. The event store decides each change (its unique version);
 * the personal content lives only in the contributions collection, written after a
 * contribution is received and deleted after it is erased.
 */
@Injectable()
export class ContributionsService {
  private readonly country: ContributionState['country'];
  private readonly retentionDays: number;

  constructor(
    config: ConfigService<ServiceConfig, true>,
    @Inject(communityEngagementConfig.KEY) own: ConfigType<typeof communityEngagementConfig>,
    private readonly events: EventStore,
    private readonly consultations: ConsultationsService,
    private readonly contributions: ContributionsRepository,
    private readonly cipher: FieldCipher,
  ) {
    this.country = config.get('country', { infer: true });
    this.retentionDays = own.testimonyRetentionDays;
  }

  /**
   * The document goes first, then the event: were the event's insert to fail, the document
   * is deleted again, so no testimony is kept that no event counts.
   */
  async receive(consultationId: string, request: CreateContributionRequest, source: ContributionSource, enteredBy?: Principal): Promise<ContributionReceipt> {
    const consultation = await this.consultations.get(consultationId);
    const id = uuidv7();
    const { contribution, event } = receiveContribution(consultation, request, {
      id,
      now: new Date().toISOString(),
      retentionDays: this.retentionDays,
      source,
      ...(enteredBy ? { enteredBy: enteredBy.sub } : {}),
    });
    const receiptCode = newReceiptCode();
    await this.contributions.insert(this.sealed(contribution, hashReceiptCode(receiptCode)));
    try {
      await this.record(CONTRIBUTION_EVENT_TYPES.received, id, 1, event);
    } catch (error) {
      await this.contributions.delete(id);
      throw error;
    }
    return { id, receiptCode };
  }

  async list(consultationId: string, limit: number, cursor: string | undefined): Promise<ContributionPage> {
    await this.consultations.get(consultationId);
    const page = pageOf(await this.contributions.list(consultationId, limit, decodeCursor(cursor)), limit, ({ receivedAt, _id }) => ({
      at: receivedAt.toISOString(),
      id: _id,
    }));
    return { items: page.items.map((contribution) => this.viewOf(contribution)), nextCursor: page.nextCursor };
  }

  async hide(id: string, reason: string, moderator: Principal, precondition: VersionPrecondition): Promise<ContributionView> {
    const state = await this.state(id);
    if (!state) throw new ContributionNotFoundError(id);
    assertPrecondition(precondition, state.version);
    const now = new Date().toISOString();
    const { version, event } = hideContribution(state, now);
    await this.record(CONTRIBUTION_EVENT_TYPES.hidden, id, version, event);
    await this.contributions.hide(id, version, { hiddenAt: new Date(now), hiddenReason: reason, hiddenBy: moderator.sub });
    const hidden = await this.contributions.find(id);
    if (!hidden) throw new ContributionNotFoundError(id);
    return this.viewOf(hidden);
  }

  /** A liaison erases a contribution, e.g. at a participant's request made in person. */
  async eraseByLiaison(id: string): Promise<void> {
    const contribution = await this.contributions.find(id);
    if (!contribution) throw new ContributionNotFoundError(id);
    await this.erase(contribution, 'Erased at the request of its contributor, through a liaison');
  }

  /** The contributor erases it with the receipt code; a wrong code and an unknown id answer alike. */
  async eraseWithReceipt(id: string, receiptCode: string): Promise<void> {
    const contribution = await this.contributions.find(id);
    const matches = receiptCodeMatches(receiptCode, contribution?.receiptHash ?? NO_SUCH_HASH);
    if (!contribution || !matches) throw new ContributionNotFoundError(id);
    await this.erase(contribution, 'Consent withdrawn by its contributor');
  }

  /**
   * The erasure is recorded first, so the insights it fed are recomputed; then the document
   * goes. Asked again after a failure in between, it finds the erasure recorded and deletes;
   * a document whose event was never recorded counted for nothing and just goes.
   */
  private async erase(contribution: Contribution, reason: string): Promise<void> {
    const [latest] = await this.events.latest(contribution._id, 1);
    if (latest && latest.type !== CONTRIBUTION_EVENT_TYPES.erased) {
      const state = stateOf(contribution, latest, this.country);
      await this.record(CONTRIBUTION_EVENT_TYPES.erased, state.id, state.version + 1, eraseContribution(state, reason));
    }
    await this.contributions.delete(contribution._id);
  }

  /** The contribution's state as its latest event and document tell it; undefined once erased or unknown. */
  private async state(id: string): Promise<ContributionState | undefined> {
    const [[latest], contribution] = await Promise.all([this.events.latest(id, 1), this.contributions.find(id)]);
    if (!latest || !contribution || latest.type === CONTRIBUTION_EVENT_TYPES.erased) return undefined;
    return stateOf(contribution, latest, this.country);
  }

  private async record(type: EventType, subject: string, version: number, data: unknown): Promise<void> {
    const validation = validateEventData(type, 'private', data);
    if (!validation.ok) throw new Error(`${type} data is invalid: ${validation.errors.join('; ')}`);
    await this.events.append({
      subject,
      version,
      type,
      deliveries: [
        { topic: privateEventsTopic(this.country, 'community-engagement'), dataclassification: dataClassification(type, 'private'), data: validation.value },
      ],
    });
  }

  private sealed({ id, testimony, receivedAt, eraseAfter, enteredBy, ...tags }: NewContribution, receiptHash: string): Contribution {
    const contact = testimony?.contact;
    return {
      _id: id,
      ...tags,
      ...(enteredBy ? { enteredBy } : {}),
      receivedAt: new Date(receivedAt),
      receiptHash,
      ...(eraseAfter ? { eraseAfter: new Date(eraseAfter) } : {}),
      ...(testimony
        ? {
            testimony: this.cipher.encrypt(
              JSON.stringify({ text: testimony.text, language: testimony.language, demographics: testimony.demographics }),
              testimonyContext(id),
            ),
          }
        : {}),
      ...(contact ? { contact: this.cipher.encrypt(JSON.stringify(contact), contactContext(id)) } : {}),
    };
  }

  private viewOf(contribution: Contribution): ContributionView {
    const testimony = contribution.testimony
      ? (JSON.parse(this.cipher.decrypt(contribution.testimony, testimonyContext(contribution._id))) as {
          text: string;
          language: string;
          demographics?: ContributorDemographics;
        })
      : undefined;
    return {
      id: contribution._id,
      consultationId: contribution.consultationId,
      version: contribution.version,
      status: contribution.status,
      themes: contribution.themes,
      actionAreas: contribution.actionAreas,
      consent: contribution.consent,
      source: contribution.source,
      receivedAt: contribution.receivedAt.toISOString(),
      ...(testimony ? { text: testimony.text, language: testimony.language, ...(testimony.demographics ? { demographics: testimony.demographics } : {}) } : {}),
      hasContact: contribution.contact !== undefined,
      ...(contribution.testimonyErasedAt ? { testimonyErasedAt: contribution.testimonyErasedAt.toISOString() } : {}),
      ...(contribution.hiddenAt ? { hiddenAt: contribution.hiddenAt.toISOString(), hiddenReason: contribution.hiddenReason } : {}),
    };
  }
}

/** Commands decide on the latest event's version, which the document may lag after a failure. */
function stateOf(contribution: Contribution, latest: RecordedEvent, country: ContributionState['country']): ContributionState {
  const status = latest.type === CONTRIBUTION_EVENT_TYPES.hidden ? 'hidden' : 'received';
  return { id: contribution._id, country, consultationId: contribution.consultationId, version: latest.version, status };
}

/** Binds each sealed value to its contribution and field: moved elsewhere, it does not open. */
function testimonyContext(id: string): string {
  return `contribution:${id}:testimony`;
}

function contactContext(id: string): string {
  return `contribution:${id}:contact`;
}
