import type { Model } from 'mongoose';
import { writeForward } from './write-forward';

/** How a versioned write went: applied, that version already held, or older than what is held. */
export type VersionedWrite = 'applied' | 'same' | 'older';

/**
 * A read model's write of an entity's view, kept only if newer than the one held. A race
 * between two first writes is decided by the unique `_id`, and one over a held version by a
 * compare-and-set on it, on MongoDB and FerretDB 1.24 alike (docs/architecture.md, Database rules).
 */
export async function upsertIfNewer<T extends { _id: string; version: number }>(model: Model<T>, document: T): Promise<VersionedWrite> {
  const outcome = await writeForward({
    read: () => model.findById(document._id, { version: 1 }).lean<{ version: number }>(),
    isAhead: (held) => held.version < document.version,
    insert: () => model.create(document),
    swap: async (held) => (await model.replaceOne({ _id: document._id, version: held.version }, document)).matchedCount === 1,
  });
  if (outcome.written) return 'applied';
  return outcome.held.version === document.version ? 'same' : 'older';
}
