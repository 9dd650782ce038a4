import { isDuplicateKey } from '../outbox/duplicate-key';

/** A write that may only move a document forward on one field: a version, an offset, a time. */
export interface ForwardWrite<H> {
  /** The document held, by `_id` (the guarded field is enough), or null. */
  read(): Promise<H | null>;
  /** Whether the write is ahead of `held`; not when `held` is this write or a later one. */
  isAhead(held: H): boolean;
  /** Creates the document; rejects with a duplicate-key error when another writer created it first. */
  insert(): Promise<unknown>;
  /** Writes over `held`, filtering on its `_id` and its exact guarded value; resolves to whether it matched. */
  swap(held: H): Promise<boolean>;
}

/** Written, or not because the document held (returned) is as far or further. */
export type ForwardWriteResult<H> = { written: true } | { written: false; held: H };

/**
 * A guarded upsert as FerretDB 1.24 can run it fast: read by `_id`, then insert or
 * compare-and-set on the value read. FerretDB answers a filter of `_id` and equalities from
 * its primary key, but scans the whole collection for a range guard (`version: {$lt}`) and for
 * an upsert that inserts: those slow down as the collection grows, a read by `_id` does not
 * (the ingest figures are in bench/results). A race between inserts is decided by the unique
 * `_id`; a lost compare-and-set reads again.
 */
export async function writeForward<H>(write: ForwardWrite<H>, readBefore?: H | null): Promise<ForwardWriteResult<H>> {
  // A caller that has just read the document passes it, so the first attempt needs no read.
  for (let attempt = 0; ; attempt++) {
    const held = attempt === 0 && readBefore !== undefined ? readBefore : await write.read();
    if (held === null) {
      try {
        await write.insert();
        return { written: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        continue;
      }
    }
    if (!write.isAhead(held)) return { written: false, held };
    if (await write.swap(held)) return { written: true };
  }
}
