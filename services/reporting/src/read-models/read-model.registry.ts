import { isDuplicateKey } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Which generation of the read models the API reads and the live consumer writes. */
interface ActivePointer {
  _id: 'active';
  generation: string;
  /** The one it replaced, kept until the next rebuild as a way back. */
  previous?: string;
  activatedAt: Date;
}

/** A generation that exists, active or not: a rebuild drops those no pointer names. */
interface GenerationRecord {
  _id: `generation:${string}`;
  generation: string;
  createdAt: Date;
}

/** One rebuild at a time, decided by the insert of this document. */
interface RebuildLock {
  _id: 'rebuild-lock';
  startedAt: Date;
  by: string;
}

/** The database's own identity, which names the consumer groups of what is never rebuilt. */
interface Installation {
  _id: 'installation';
  id: string;
  createdAt: Date;
}

type RegistryDocument = ActivePointer | GenerationRecord | RebuildLock | Installation;

const ACTIVE = 'active';
const LOCK = 'rebuild-lock';
const INSTALLATION = 'installation';

/** Another rebuild holds the lock; `--force` takes it over when that one died. */
export class RebuildInProgressError extends Error {
  constructor(
    readonly startedAt: Date,
    readonly by: string,
  ) {
    super(`Another rebuild started at ${startedAt.toISOString()} by ${by} is running; if it died, run again with --force`);
  }
}

/** The active generation moved while a rebuild ran: the rebuild does not switch over it. */
export class ActiveGenerationMovedError extends Error {}

/**
 * A new id, lower-case letters and digits (it names collections and a consumer group),
 * ordered by creation time.
 */
export function newGenerationId(now = new Date()): string {
  return `g${now.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * The pointer naming the active collection set of the read models, the generations that
 * exist, the rebuild lock and the installation id, in `reporting_read_models`. Every decision
 * is an insert against the unique `_id` (FerretDB 1.24 updates are read-then-write).
 */
@Injectable()
export class ReadModelRegistry {
  private readonly documents: mongo.Collection<RegistryDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.documents = connection.collection<RegistryDocument>('reporting_read_models');
  }

  /** The active generation; on a fresh database the first one, which the first replica to insert decides. */
  async activeGeneration(): Promise<string> {
    const pointer = await this.pointer();
    if (pointer) return pointer.generation;
    const generation = await this.createGeneration();
    if (await this.insertFirst({ _id: ACTIVE, generation, activatedAt: new Date() })) return generation;
    // Another replica won; the generation created here is left for the next rebuild to drop.
    return (await this.pointer())!.generation;
  }

  /** The active generation and the one before it, which stay when a rebuild cleans up. */
  async pointer(): Promise<Pick<ActivePointer, 'generation' | 'previous' | 'activatedAt'> | undefined> {
    return ((await this.documents.findOne({ _id: ACTIVE })) as ActivePointer | null) ?? undefined;
  }

  async createGeneration(): Promise<string> {
    const generation = newGenerationId();
    await this.documents.insertOne({ _id: `generation:${generation}`, generation, createdAt: new Date() });
    return generation;
  }

  async generations(): Promise<string[]> {
    const records = (await this.documents.find({ _id: { $regex: '^generation:' } }).toArray()) as GenerationRecord[];
    return records.map(({ generation }) => generation).sort();
  }

  async forgetGeneration(generation: string): Promise<void> {
    await this.documents.deleteOne({ _id: `generation:${generation}` });
  }

  /** Switches the API and the live consumer to `generation`, if `expected` is still the active one. */
  async activate(generation: string, expected: string): Promise<void> {
    const { matchedCount } = await this.documents.updateOne(
      { _id: ACTIVE, generation: expected },
      { $set: { generation, previous: expected, activatedAt: new Date() } },
    );
    if (matchedCount === 0) throw new ActiveGenerationMovedError(`The active generation is no longer ${expected}; ${generation} was not activated`);
  }

  /** Takes the rebuild lock; with `force`, even from a rebuild that died holding it. */
  async lockRebuild(force: boolean): Promise<void> {
    const lock: RebuildLock = { _id: LOCK, startedAt: new Date(), by: `${hostname()} pid ${process.pid}` };
    if (force) await this.documents.deleteOne({ _id: LOCK });
    if (await this.insertFirst(lock)) return;
    const held = (await this.documents.findOne({ _id: LOCK })) as RebuildLock | null;
    throw new RebuildInProgressError(held?.startedAt ?? new Date(0), held?.by ?? 'an unknown process');
  }

  async unlockRebuild(): Promise<void> {
    await this.documents.deleteOne({ _id: LOCK });
  }

  /** This database's id, created on first use. */
  async installationId(): Promise<string> {
    const held = (await this.documents.findOne({ _id: INSTALLATION })) as Installation | null;
    if (held) return held.id;
    const id = newGenerationId().replace(/^g/, 'i');
    if (await this.insertFirst({ _id: INSTALLATION, id, createdAt: new Date() })) return id;
    return ((await this.documents.findOne({ _id: INSTALLATION })) as Installation).id;
  }

  /** Since when the installation counts what it receives. */
  async installedAt(): Promise<Date | undefined> {
    return ((await this.documents.findOne({ _id: INSTALLATION })) as Installation | null)?.createdAt;
  }

  /** True when this insert decided; false when a document with its `_id` was there first. */
  private async insertFirst(document: RegistryDocument): Promise<boolean> {
    try {
      await this.documents.insertOne(document);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
