import { CreateSubmissionRequest, type ReviewSubmissionRequest, type UpdateSubmissionRequest } from '@naperj/contracts';
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
import { type CatalogFilter, CatalogRepository } from '../catalog/catalog.repository';
import { ReviewAssignmentsRepository } from '../review-assignments/review-assignments.repository';
import {
  draftSubmission,
  mayInspect,
  publishSubmission,
  reviewSubmission,
  reviseSubmission,
  type Submission,
  type SubmissionChange,
  type SubmissionFields,
  SubmissionNotFoundError,
  submitSubmission,
  withdrawSubmission,
} from './submission.lifecycle';
import { SubmissionEventsRepository } from './submission-events.repository';
import { deliveriesOf } from './submission.deliveries';
import { type SubmissionView, viewOf } from './submission.view';

export interface SubmissionPage {
  items: SubmissionView[];
  nextCursor: string | null;
}

/** The submissions use cases: each loads one submission, changes it, records its event. */
@Injectable()
export class SubmissionsService {
  private readonly country: Submission['country'];

  constructor(
    config: ConfigService<ServiceConfig, true>,
    private readonly events: EventStore,
    private readonly history: SubmissionEventsRepository,
    private readonly catalog: CatalogRepository,
    private readonly assignments: ReviewAssignmentsRepository,
  ) {
    this.country = config.get('country', { infer: true });
  }

  create(fields: CreateSubmissionRequest, author: Principal): Promise<SubmissionView> {
    return this.record(draftSubmission(uuidv7(), this.country, plainFields(fields), author, now()));
  }

  async update(id: string, patch: UpdateSubmissionRequest, editor: Principal, precondition: VersionPrecondition): Promise<SubmissionView> {
    const submission = await this.load(id, editor, precondition);
    const fields = await validFields(mergePatch(fieldsOf(submission), patch));
    return this.record(reviseSubmission(submission, fields, editor, now()));
  }

  async submit(id: string, submitter: Principal, precondition: VersionPrecondition): Promise<SubmissionView> {
    return this.record(submitSubmission(await this.load(id, submitter, precondition), submitter, now()));
  }

  async review(id: string, review: ReviewSubmissionRequest, reviewer: Principal, precondition: VersionPrecondition): Promise<SubmissionView> {
    const { submission, assignedUserIds } = await this.loadWithAssignment(id, reviewer, precondition);
    return this.record(reviewSubmission(submission, review, reviewer, assignedUserIds, now()));
  }

  async publish(id: string, publisher: Principal, precondition: VersionPrecondition): Promise<SubmissionView> {
    return this.record(publishSubmission(await this.load(id, publisher, precondition), publisher, now()));
  }

  async withdraw(id: string, reason: string | undefined, withdrawer: Principal, precondition: VersionPrecondition): Promise<SubmissionView> {
    return this.record(withdrawSubmission(await this.load(id, withdrawer, precondition), withdrawer, now()), reason);
  }

  /** An own submission as its events left it (the caller reads its writes); a partner's from the catalog. */
  async get(id: string, viewer: Principal): Promise<SubmissionView> {
    const own = await this.history.current(id);
    if (!own) {
      const entry = await this.catalog.findPeer(id);
      if (!entry) throw new SubmissionNotFoundError(id);
      return viewOf(entry, false);
    }
    const assignment = await this.assignments.of(id);
    const inspects = mayInspect(own, viewer, assignment?.userIds.includes(viewer.sub) ?? false);
    if (!inspects && own.status !== 'published') throw new SubmissionNotFoundError(id);
    return viewOf({ origin: 'own', view: own, status: own.status }, inspects, assignment?.reviewers);
  }

  async list(filter: CatalogFilter, limit: number, cursor: string | undefined, viewer: Principal): Promise<SubmissionPage> {
    const after = decodeCursor(cursor);
    const seesAll = viewer.roles.includes('reviewer') || viewer.roles.includes('admin');
    const assignedIds = seesAll ? [] : await this.assignments.assignedTo(viewer.sub);
    const { entries, next } = await this.catalog.list(filter, { seesAll, agency: viewer.agency, assignedIds }, limit, after);
    const items = entries.map((entry) =>
      viewOf(entry, entry.origin === 'own' && mayInspect(entry.view as Submission, viewer, assignedIds.includes(entry._id))),
    );
    return { items, nextCursor: next };
  }

  /** The caller's view of an own submission at the version it read; 404 when it may not see it. */
  private async load(id: string, caller: Principal, precondition: VersionPrecondition): Promise<Submission> {
    return (await this.loadWithAssignment(id, caller, precondition)).submission;
  }

  /** As `load`, with the accounts assigned to review it (read once, for visibility and for reviews). */
  private async loadWithAssignment(
    id: string,
    caller: Principal,
    precondition: VersionPrecondition,
  ): Promise<{ submission: Submission; assignedUserIds: string[] }> {
    const submission = await this.history.current(id);
    if (!submission) throw new SubmissionNotFoundError(id);
    const assignedUserIds = (await this.assignments.of(id))?.userIds ?? [];
    if (submission.status !== 'published' && !mayInspect(submission, caller, assignedUserIds.includes(caller.sub))) throw new SubmissionNotFoundError(id);
    assertPrecondition(precondition, submission.version);
    return { submission, assignedUserIds };
  }

  /** The one decision is the event's insert; the catalog follows from the private topic (OwnCatalogProjection). */
  private async record(change: SubmissionChange, reason?: string): Promise<SubmissionView> {
    const { state, type } = change;
    await this.events.append({ subject: state.id, version: state.version, type, deliveries: deliveriesOf(change, reason) });
    return state;
  }
}

const EDITABLE: readonly (keyof SubmissionFields)[] = [
  'kind',
  'title',
  'summary',
  'body',
  'originalLanguage',
  'actionAreas',
  'sdgTargets',
  'frameworks',
  'populations',
  'evidence',
  'links',
  'sharing',
];

function fieldsOf(submission: Submission): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.filter((field) => submission[field] !== undefined).map((field) => [field, submission[field]]));
}

/** RFC 7396 at the top level: a member replaces the field, `null` removes it. */
function mergePatch(fields: Record<string, unknown>, patch: UpdateSubmissionRequest): Record<string, unknown> {
  const merged = { ...fields };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  return merged;
}

/** The merged draft, checked whole as a new one would be. */
async function validFields(merged: Record<string, unknown>): Promise<SubmissionFields> {
  const fields = plainToInstance(CreateSubmissionRequest, merged);
  const errors = await validate(fields, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw RequestValidationException.fromValidationErrors(errors);
  return { ...merged } as unknown as SubmissionFields;
}

/** The request's fields as plain JSON: languages and options left out stay out, never `null`. */
function plainFields(fields: CreateSubmissionRequest): SubmissionFields {
  return instanceToPlain(fields, { exposeUnsetFields: false }) as SubmissionFields;
}

function now(): string {
  return new Date().toISOString();
}
