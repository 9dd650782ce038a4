import type { CountryCode, ExpertData } from '@naperj/contracts';
import { EventStore } from '@naperj/messaging';
import {
  assertPrecondition,
  type Principal,
  RequestValidationException,
  type ServiceConfig,
  type VersionPrecondition,
  decodeCursor,
} from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { v7 as uuidv7 } from 'uuid';
import { type DirectoryFilter, DirectoryRepository } from '../directory/directory.repository';
import { ExpertAccountsRepository } from './expert-accounts.repository';
import { ExpertContactsRepository } from './expert-contacts.repository';
import { ExpertEventsRepository } from './expert-events.repository';
import {
  type Expert,
  type ExpertChange,
  ExpertConflictError,
  ExpertNotFoundError,
  mayManage,
  type ProfileFields,
  registerExpert,
  reviseExpert,
  withdrawExpert,
} from './expert.lifecycle';
import { deliveriesOf } from './expert.deliveries';
import { type ExpertContact, ExpertFields, type RegisterExpertRequest, type UpdateExpertRequest } from './expert-requests.dto';
import { type ExpertView, publicProfile } from './expert.view';

export interface ExpertPage {
  items: ExpertView[];
  nextCursor: string | null;
}

/** A registration that recorded nothing this long after its claim was abandoned: its account is free again. */
const ABANDONED_CLAIM_MS = 60_000;

/** The experts use cases: each loads one expert, changes it, records its event. */
@Injectable()
export class ExpertsService {
  private readonly country: CountryCode;

  constructor(
    config: ConfigService<ServiceConfig, true>,
    private readonly events: EventStore,
    private readonly history: ExpertEventsRepository,
    private readonly contacts: ExpertContactsRepository,
    private readonly accounts: ExpertAccountsRepository,
    private readonly directory: DirectoryRepository,
  ) {
    this.country = config.get('country', { infer: true });
  }

  async register(request: RegisterExpertRequest, registrant: Principal): Promise<ExpertView> {
    const { contact, ...fields } = plain(request);
    const change = registerExpert(uuidv7(), this.country, { ...fields, hasContact: contact !== undefined }, registrant, now());
    const { held } = await this.accounts.claim(change.state.userId, change.state.id, (claim) => this.released(claim.expertId, claim.claimedAt));
    if (held) throw new ExpertConflictError(`Account ${change.state.userId} has an expert profile on this node already`, held);
    await this.record(change);
    if (contact) await this.contacts.save(change.state.id, change.state.version, contact);
    return { ...change.state, ...(contact ? { contact } : {}) };
  }

  async update(id: string, patch: UpdateExpertRequest, editor: Principal, precondition: VersionPrecondition): Promise<ExpertView> {
    const expert = await this.load(id, editor, precondition);
    const held = expert.data.hasContact ? await this.contacts.find(id) : undefined;
    const merged = mergePatch({ ...editableFields(expert.data), ...(held && patch.contact !== undefined ? { contact: held } : {}) }, patch);
    const { contact, ...fields } = await validFields(merged);
    const hasContact = patch.contact === undefined ? expert.data.hasContact : contact !== undefined;
    const change = reviseExpert(expert, { ...fields, hasContact }, editor, now());
    await this.record(change);
    if (patch.contact === null) await this.contacts.erase(id, change.state.version);
    else if (contact && patch.contact !== undefined) await this.contacts.save(id, change.state.version, contact);
    const shown = patch.contact === undefined ? held : contact;
    return { ...change.state, ...(shown && hasContact ? { contact: shown } : {}) };
  }

  /** The withdrawal is recorded first: the contact is erased after it, so a failure leaves no contact behind a live profile. */
  async withdraw(id: string, withdrawer: Principal, precondition: VersionPrecondition): Promise<ExpertView> {
    const change = withdrawExpert(await this.load(id, withdrawer, precondition), withdrawer, now());
    await this.record(change);
    await this.contacts.erase(id, change.state.version + 1);
    return change.state;
  }

  /** An own expert as its events left it (the caller reads its writes); a partner's from the directory. */
  async get(id: string, viewer: Principal): Promise<ExpertView> {
    const own = await this.history.current(id);
    if (!own) {
      const partner = await this.directory.findPartner(id);
      if (!partner) throw new ExpertNotFoundError(id);
      return partner;
    }
    if (own.withdrawn) throw new ExpertNotFoundError(id);
    if (!mayManage(own.data, viewer)) return publicProfile(own.data);
    const contact = own.data.hasContact ? await this.contacts.find(id) : undefined;
    return { ...own.data, ...(contact ? { contact } : {}) };
  }

  async list(filter: DirectoryFilter, limit: number, cursor: string | undefined, viewer: Principal): Promise<ExpertPage> {
    const after = decodeCursor(cursor);
    const { entries, next } = await this.directory.list(filter, limit, after);
    const items = entries.map((entry): ExpertView => {
      if (entry.origin !== 'own') return entry.view!;
      const expert = entry.view as ExpertData;
      return mayManage(expert, viewer) ? expert : publicProfile(expert);
    });
    return { items, nextCursor: next };
  }

  /** The own expert the caller may change, at the version it read; 404 when there is none. */
  private async load(id: string, caller: Principal, precondition: VersionPrecondition): Promise<Expert> {
    const expert = await this.history.current(id);
    if (!expert || (expert.withdrawn && !mayManage(expert.data, caller))) throw new ExpertNotFoundError(id);
    assertPrecondition(precondition, expert.data.version);
    return expert;
  }

  /** An account's profile no longer holds it when withdrawn, or when its registration never got recorded. */
  private async released(expertId: string, claimedAt: Date): Promise<boolean> {
    const held = await this.history.current(expertId);
    if (held) return held.withdrawn;
    return (await this.events.latestVersion(expertId)) === 0 && Date.now() - claimedAt.getTime() > ABANDONED_CLAIM_MS;
  }

  /** The one decision is the event's insert; the directory follows from the private topic (OwnDirectoryProjection). */
  private async record(change: ExpertChange): Promise<void> {
    await this.events.append({ subject: change.state.id, version: change.state.version, type: change.type, deliveries: deliveriesOf(change) });
  }
}

const EDITABLE = ['name', 'affiliation', 'bio', 'originalLanguage', 'actionAreas', 'sdgTargets', 'frameworks', 'languages', 'populations'] as const;

function editableFields(expert: ExpertData): Record<string, unknown> {
  const { givenAt: _givenAt, ...consent } = expert.consent;
  return { ...Object.fromEntries(EDITABLE.filter((field) => expert[field] !== undefined).map((field) => [field, expert[field]])), consent };
}

/** RFC 7396: a member replaces the field, `null` removes it, an object merges into the object held. */
export function mergePatch(target: Record<string, unknown>, patch: object): Record<string, unknown> {
  const merged = { ...target };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete merged[field];
    else if (isObject(value)) merged[field] = mergePatch(isObject(merged[field]) ? merged[field] : {}, value);
    else if (value !== undefined) merged[field] = value;
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The merged profile, checked whole as a new one would be. */
async function validFields(merged: Record<string, unknown>): Promise<Omit<ProfileFields, 'hasContact'> & { contact?: ExpertContact }> {
  const fields = plainToInstance(ExpertFields, merged);
  const errors = await validate(fields, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw RequestValidationException.fromValidationErrors(errors);
  return plain(fields);
}

/** The request's fields as plain JSON: members left out stay out, never `null`. */
function plain<T extends object>(fields: T): T {
  return instanceToPlain(fields, { exposeUnsetFields: false }) as T;
}

function now(): string {
  return new Date().toISOString();
}
