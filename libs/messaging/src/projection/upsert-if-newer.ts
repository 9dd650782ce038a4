import type { Model } from 'mongoose';
import { isDuplicateKey } from '../outbox/duplicate-key';

/** How a versioned write went: applied, that version already held, or older than what is held. */
export type VersionedWrite = 'applied' | 'same' | 'older';

/**
 * A read model's write of an entity's view, kept only if newer than the one held. The
 * version guard is a filter; its race is decided by the unique `_id`, on MongoDB and
 * FerretDB 1.24 alike: an upsert that finds no older document inserts, and that insert
 * fails when a newer one exists (ARCHITECTURE.md §3).
 */
export async function upsertIfNewer<T extends { _id: string; version: number }>(model: Model<T>, document: T): Promise<VersionedWrite> {
  const held = await model.findById(document._id, { version: 1 }).lean<{ version: number }>();
  if (held && held.version === document.version) return 'same';
  if (held && held.version > document.version) return 'older';
  try {
    await model.replaceOne({ _id: document._id, version: { $lt: document.version } }, document, { upsert: true });
    return 'applied';
  } catch (error) {
    if (isDuplicateKey(error)) return 'older';
    throw error;
  }
}
