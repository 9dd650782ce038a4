import { randomUUID } from 'node:crypto';
import mongoose, { type Connection, type Model, Schema } from 'mongoose';
import { TEST_MONGODB_URI } from '../engines/engines-cli';

interface Practice {
  slug: string;
  title: { en?: string; es?: string; fr?: string };
  actionAreas: string[];
  version: number;
}

const practiceSchema = new Schema<Practice>({
  slug: { type: String, required: true, unique: true },
  title: { en: String, es: String, fr: String },
  actionAreas: [String],
  version: { type: Number, required: true },
});

describe('FerretDB smoke (real MongoDB wire protocol)', () => {
  let connection: Connection;
  let Practices: Model<Practice>;

  beforeAll(async () => {
    connection = await mongoose.createConnection(`${TEST_MONGODB_URI}/smoke-${randomUUID().slice(0, 8)}`, { serverSelectionTimeoutMS: 5000 }).asPromise();
    Practices = connection.model<Practice>('Practice', practiceSchema);
    await Practices.init();
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('creates, finds and updates a document', async () => {
    await Practices.create({ slug: 'mentoria', title: { es: 'Mentoría comunitaria' }, actionAreas: ['education'], version: 1 });

    const updated = await Practices.findOneAndUpdate(
      { slug: 'mentoria', version: 1 },
      { $inc: { version: 1 }, $set: { 'title.en': 'Community mentoring' }, $addToSet: { actionAreas: 'economic-inclusion' } },
      { returnDocument: 'after' },
    ).lean();

    expect(updated).toMatchObject({
      title: { es: 'Mentoría comunitaria', en: 'Community mentoring' },
      actionAreas: ['education', 'economic-inclusion'],
      version: 2,
    });
    expect(await Practices.countDocuments({ actionAreas: 'education' })).toBe(1);
    expect(await Practices.findOne({ slug: 'absent' })).toBeNull();
  });

  it('rejects a duplicate on a unique index with E11000 and stores nothing', async () => {
    await Practices.create({ slug: 'unique-slug', actionAreas: [], version: 1 });

    await expect(Practices.create({ slug: 'unique-slug', actionAreas: [], version: 1 })).rejects.toMatchObject({ code: 11000 });
    expect(await Practices.countDocuments({ slug: 'unique-slug' })).toBe(1);
  });

  it('upserts with findOneAndUpdate and counts with $match + $group/$sum', async () => {
    for (const slug of ['a', 'b', 'c']) {
      await Practices.findOneAndUpdate({ slug }, { $setOnInsert: { version: 1, actionAreas: ['ballot-access'] } }, { upsert: true });
    }
    const [counted] = await Practices.aggregate<{ _id: null; n: number }>([
      { $match: { actionAreas: 'ballot-access' } },
      { $group: { _id: null, n: { $sum: 1 } } },
    ]);
    expect(counted?.n).toBe(3);
  });
});
