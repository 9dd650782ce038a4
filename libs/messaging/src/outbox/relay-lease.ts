import { type Connection, type Model, Schema } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';

export interface LeaseTiming {
  /** Length of one leadership slot; the leader of a slot is whoever inserted its lease. */
  slotMs: number;
  /** The leader claims no new batch this close to its slot's end. */
  guardMs: number;
  /** How long into its slot a new leader waits for the previous leader to release. */
  handoverMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { slotMs: 3000, guardMs: 300, handoverMs: 2000 };

export function slotAt(timeMs: number, { slotMs }: Pick<LeaseTiming, 'slotMs'>): number {
  return Math.floor(timeMs / slotMs);
}

export function msUntilNextSlot(timeMs: number, timing: Pick<LeaseTiming, 'slotMs'>): number {
  return (slotAt(timeMs, timing) + 1) * timing.slotMs - timeMs;
}

/** The time after which the leader of `slot` starts no new batch. */
export function claimDeadline(slot: number, { slotMs, guardMs }: LeaseTiming): number {
  return (slot + 1) * slotMs - guardMs;
}

/** The time after which the leader of `slot` stops waiting for the previous leader's release. */
export function handoverDeadline(slot: number, { slotMs, handoverMs }: LeaseTiming): number {
  return slot * slotMs + handoverMs;
}

export function leaseId(service: string, slot: number): string {
  return `${service}:${slot}`;
}

interface LeaseDocument {
  _id: string;
  slot: number;
  owner: string;
  acquiredAt: Date;
  /** Set by the owner once its last batch of the slot is marked published. */
  released: boolean;
}

const leaseSchema = new Schema<LeaseDocument>(
  {
    _id: { type: String, required: true },
    slot: { type: Number, required: true },
    owner: { type: String, required: true },
    acquiredAt: { type: Date, required: true },
    released: { type: Boolean, required: true },
  },
  { versionKey: false, autoIndex: false, autoCreate: false },
);

/** Lease documents of ended slots kept for looking back at who led (a minute at 3 s slots). */
const KEPT_SLOTS = 20;

/**
 * Time-slotted relay leadership. The leader of a slot is the one relay whose insert of the
 * document `<service>:<slot>` succeeded: an insert against the unique `_id` is the one write
 * both MongoDB and FerretDB decide atomically (docs/architecture.md, Database rules), so no conditional update
 * is involved and a lease needs no renewal; it simply ends with its slot.
 */
export class RelayLease {
  private readonly model: Model<LeaseDocument>;
  private lastTried = Number.NEGATIVE_INFINITY;

  constructor(
    connection: Connection,
    collection: string,
    private readonly service: string,
    readonly owner: string,
  ) {
    this.model =
      (connection.models[`Leases:${collection}`] as Model<LeaseDocument> | undefined) ??
      connection.model<LeaseDocument>(`Leases:${collection}`, leaseSchema, collection);
  }

  /** True when this relay won `slot`. Each slot is tried once: a lost or released slot stays so. */
  async acquire(slot: number): Promise<boolean> {
    if (slot <= this.lastTried) return false;
    const won = await this.insert(slot);
    this.lastTried = slot;
    if (won) await this.model.deleteMany({ slot: { $lt: slot - KEPT_SLOTS } });
    return won;
  }

  /** True when the slot before `slot` had no leader, or its leader has released it. */
  async previousReleased(slot: number): Promise<boolean> {
    const previous = await this.model.findById(leaseId(this.service, slot - 1), { released: 1 }).lean();
    return previous === null || previous.released;
  }

  /** Tells the next slot's leader that this one sends nothing more. Only the owner writes it. */
  async release(slot: number): Promise<void> {
    await this.model.updateOne({ _id: leaseId(this.service, slot) }, { $set: { released: true } });
  }

  private async insert(slot: number): Promise<boolean> {
    try {
      await this.model.create({ _id: leaseId(this.service, slot), slot, owner: this.owner, acquiredAt: new Date(), released: false });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
