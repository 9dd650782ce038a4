import { type ActionArea, EVENT_DATA_EXAMPLES, EVENT_TYPES, type SharedSubmissionData, type SubmissionData } from '@naperj/contracts';
import { IndicatorRepository } from '@naperj/reporting/indicators/indicator.repository';
import { peerSubmissionCounts } from '@naperj/reporting/indicators/submission-counts';
import { CatalogEntry, CatalogEntrySchema } from '@naperj/submissions/catalog/catalog-entry.schema';
import { CatalogRepository } from '@naperj/submissions/catalog/catalog.repository';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { TEST_MONGODB_URI } from '../engines/engines-cli';

const OWN = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].private;
const SHARED = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].shared;
const EVERYONE = { seesAll: true, agency: 'SRE', assignedIds: [] };

/**
 * After a withdrawal, a copy of an older version (a stale relay leader's, or one replayed
 * after the tombstone) must not bring the entity back: each read model keeps the
 * withdrawal's version as a floor instead of forgetting the entity.
 */
describe('read models keep the version floor of a withdrawal, on FerretDB', () => {
  let connection: Connection;
  let catalog: CatalogRepository;

  beforeAll(async () => {
    connection = await mongoose.createConnection(`${TEST_MONGODB_URI}/floor-${randomUUID().slice(0, 8)}`).asPromise();
    catalog = new CatalogRepository(connection.model<CatalogEntry>(CatalogEntry.name, CatalogEntrySchema));
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const own = (id: string, version: number): SubmissionData => ({ ...OWN, id, country: 'mx', version, status: 'published' });
  const listed = async (id: string) => (await catalog.list({}, EVERYONE, 100)).entries.filter((entry) => entry.view?.id === id);

  it('ignores an older version of an own submission withdrawn before the catalog held it', async () => {
    const id = uuidv7();
    await catalog.withdrawOwn({ id, country: 'mx', version: 6 });
    expect(await catalog.saveOwn(own(id, 5))).toBe('older');
    expect(await listed(id)).toEqual([]);
  });

  it('ignores an older version of an own submission withdrawn after it was listed', async () => {
    const id = uuidv7();
    await catalog.saveOwn(own(id, 4));
    await catalog.withdrawOwn({ id, country: 'mx', version: 6 });
    expect(await catalog.saveOwn(own(id, 5))).toBe('older');
    expect((await listed(id)).map(({ status, version }) => ({ status, version }))).toEqual([{ status: 'withdrawn', version: 6 }]);
  });

  it("ignores an older version of a partner's withdrawn submission", async () => {
    const shared: SharedSubmissionData = { ...SHARED, id: uuidv7(), country: 'us', version: 5 };
    await catalog.removePeer('us', { id: shared.id, country: 'us', version: 6 });
    expect(await catalog.savePeer('us', shared)).toBe('older');
    expect(await listed(shared.id)).toEqual([]);
  });

  it('never counts again in the indicators a withdrawn submission whose older version arrives late', async () => {
    const indicators = new IndicatorRepository(connection, `floor${randomUUID().slice(0, 8)}`);
    const id = uuidv7();
    const at = (offset: number) => ({ topic: 'us.shared.submissions.v1', partition: 0, offset: String(offset) });
    const actionAreas: ActionArea[] = ['justice-system'];
    const published = () => ({ actionAreas, counts: peerSubmissionCounts('us', { actionAreas, kind: 'policy', sdgTargets: [] }) });
    expect(await indicators.record('us', id, 5, published, at(1))).toBe('applied');
    expect(await indicators.record('us', id, 6, (held) => ({ actionAreas: held?.actionAreas ?? [], counts: [] }), at(2))).toBe('applied');
    expect(await indicators.record('us', id, 5, published, at(3))).toBe('stale');
    expect(await indicators.totals({ country: 'us', actionArea: 'justice-system' })).toEqual([
      { country: 'us', actionArea: 'justice-system', measure: 'kind', value: 'policy', count: 0 },
    ]);
  });
});
