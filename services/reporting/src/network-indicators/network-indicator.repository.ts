import type { CountryCode } from '@naperj/contracts';
import { type CounterPosition, isDuplicateKey, writeForward } from '@naperj/messaging';
import type { Connection, mongo } from 'mongoose';
import { CountedStates } from '../read-models/counted-states';
import type { ReceiptRecord, WithdrawalRecord } from './erasure-indicators';
import type { ExpertKey } from './expert-counts';
import type { ExchangeRecord, FirstAnswerRecord } from './exchange-indicators';

interface FirstAnswerShard extends FirstAnswerRecord {
  _id: string;
}

type Withdrawal = WithdrawalRecord & { _id: string };
type Receipt = ReceiptRecord & { _id: string };

/**
 * The expert network's indicators of one read-model generation, in collections of its own:
 * experts as counters (per country × action area × language) with each profile's state;
 * exchanges one document each, with their first answers; withdrawals of shared profiles and
 * erasure receipts, one document each. Medians need the single durations, so they are
 * computed when read.
 */
export class NetworkIndicatorRepository {
  private readonly experts: CountedStates<ExpertKey>;
  private readonly exchanges: mongo.Collection<ExchangeRecord>;
  private readonly firstAnswers: mongo.Collection<FirstAnswerShard>;
  private readonly withdrawals: mongo.Collection<Withdrawal>;
  private readonly receipts: mongo.Collection<Receipt>;

  constructor(connection: Connection, generation: string) {
    const prefix = `reporting_${generation}`;
    this.experts = new CountedStates<ExpertKey>(connection, `${prefix}_expert_states`, `${prefix}_expert_counters`, [
      'country',
      'actionArea',
      'measure',
      'value',
    ]);
    this.exchanges = connection.collection<ExchangeRecord>(`${prefix}_exchanges`);
    this.firstAnswers = connection.collection<FirstAnswerShard>(`${prefix}_exchange_first_answers`);
    this.withdrawals = connection.collection<Withdrawal>(`${prefix}_expert_withdrawals`);
    this.receipts = connection.collection<Receipt>(`${prefix}_erasure_receipts`);
  }

  /**
   * Brings the profile `id` of `origin` to `version`, counting for `counts`: none once it is
   * withdrawn or erased, which leaves its version floor.
   */
  recordExpert(origin: CountryCode, id: string, version: number, counts: ExpertKey[], position: CounterPosition): Promise<'applied' | 'stale'> {
    return this.experts.record(`${origin}:${id}`, version, () => counts, position);
  }

  expertTotals(filter: Partial<Pick<ExpertKey, 'country' | 'actionArea'>> = {}): Promise<(ExpertKey & { count: number })[]> {
    return this.experts.totals(filter);
  }

  /** Keeps the exchange's newest version; its events come in order from its asking country's topic. */
  async recordExchange(exchange: ExchangeRecord): Promise<void> {
    const { _id, version } = exchange;
    await writeForward<Pick<ExchangeRecord, 'version'>>({
      read: () => this.exchanges.findOne({ _id }, { projection: { version: 1 } }),
      isAhead: (held) => held.version < version,
      insert: () => this.exchanges.insertOne(exchange),
      swap: async (held) => (await this.exchanges.replaceOne({ _id, version: held.version }, exchange)).matchedCount === 1,
    });
  }

  /**
   * Keeps the earliest answer to `exchange` read at `position`'s topic and partition. Answers
   * to one exchange come from every country and partition, so each partition keeps its own
   * earliest one (a partition has one writer at a time, as with counter shards), and the
   * exchange's first answer is the earliest of those.
   */
  async recordAnswer(exchange: string, answeredAt: string, { topic, partition }: CounterPosition): Promise<void> {
    const _id = JSON.stringify([exchange, topic, partition]);
    const at = Date.parse(answeredAt);
    await writeForward<Pick<FirstAnswerShard, 'answeredAt'>>({
      read: () => this.firstAnswers.findOne({ _id }, { projection: { answeredAt: 1 } }),
      isAhead: (held) => at < Date.parse(held.answeredAt),
      insert: () => this.firstAnswers.insertOne({ _id, exchange, answeredAt }),
      swap: async (held) => (await this.firstAnswers.updateOne({ _id, answeredAt: held.answeredAt }, { $set: { answeredAt } })).matchedCount === 1,
    });
  }

  /** A withdrawal, once: a redelivery finds it held. */
  async recordWithdrawal(withdrawal: WithdrawalRecord): Promise<void> {
    await insertOnce(this.withdrawals, { _id: `${withdrawal.profile}:${withdrawal.version}`, ...withdrawal });
  }

  async recordReceipt(receipt: ReceiptRecord): Promise<void> {
    await insertOnce(this.receipts, { _id: `${receipt.eraser}:${receipt.profile}:${receipt.version}`, ...receipt });
  }

  exchangeRecords(): Promise<ExchangeRecord[]> {
    return this.exchanges.find({}).toArray();
  }

  firstAnswerRecords(): Promise<FirstAnswerRecord[]> {
    return this.firstAnswers.find({}, { projection: { _id: 0, exchange: 1, answeredAt: 1 } }).toArray();
  }

  withdrawalRecords(): Promise<WithdrawalRecord[]> {
    return this.withdrawals.find({}, { projection: { _id: 0 } }).toArray();
  }

  receiptRecords(): Promise<ReceiptRecord[]> {
    return this.receipts.find({}, { projection: { _id: 0 } }).toArray();
  }
}

async function insertOnce<T extends { _id: string }>(collection: mongo.Collection<T>, document: T): Promise<void> {
  try {
    await collection.insertOne(document as mongo.OptionalUnlessRequiredId<T>);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
