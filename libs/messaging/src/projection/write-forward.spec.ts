import { writeForward } from './write-forward';

const duplicateKey = () => Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
const versioned = (version: number) => ({ version });

type Versioned = ReturnType<typeof versioned>;

function forward(
  reads: (Versioned | null)[],
  { insert = jest.fn<Promise<unknown>, []>().mockResolvedValue(undefined), swap = jest.fn<Promise<boolean>, [Versioned]>().mockResolvedValue(true) } = {},
) {
  const read = jest.fn<Promise<Versioned | null>, []>();
  for (const held of reads) read.mockResolvedValueOnce(held);
  return { read, insert, swap, isAhead: (held: Versioned) => held.version < 3 };
}

describe('writeForward', () => {
  it('creates a document nobody holds', async () => {
    const write = forward([null]);

    expect(await writeForward(write)).toEqual({ written: true });
    expect(write.insert).toHaveBeenCalledTimes(1);
    expect(write.swap).not.toHaveBeenCalled();
  });

  it('writes over an older document, compare-and-set on the version read', async () => {
    const write = forward([versioned(2)]);

    expect(await writeForward(write)).toEqual({ written: true });
    expect(write.swap).toHaveBeenCalledWith(versioned(2));
    expect(write.insert).not.toHaveBeenCalled();
  });

  it('keeps the document held when it is as far or further, and says what it holds', async () => {
    const same = forward([versioned(3)]);
    const later = forward([versioned(5)]);

    expect(await writeForward(same)).toEqual({ written: false, held: versioned(3) });
    expect(await writeForward(later)).toEqual({ written: false, held: versioned(5) });
    expect([...same.swap.mock.calls, ...later.swap.mock.calls, ...same.insert.mock.calls]).toEqual([]);
  });

  it('reads again after losing the insert race, and writes over an older winner', async () => {
    const write = forward([null, versioned(1)], { insert: jest.fn().mockRejectedValue(duplicateKey()) });

    expect(await writeForward(write)).toEqual({ written: true });
    expect(write.swap).toHaveBeenCalledWith(versioned(1));
  });

  it('reads again after losing a compare-and-set, and keeps a newer winner', async () => {
    const write = forward([versioned(1), versioned(4)], { swap: jest.fn().mockResolvedValue(false) });

    expect(await writeForward(write)).toEqual({ written: false, held: versioned(4) });
    expect(write.swap).toHaveBeenCalledTimes(1);
  });

  it('starts from a document the caller has just read, reading again only after a lost race', async () => {
    const write = forward([versioned(2)], { swap: jest.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true) });

    expect(await writeForward(write, versioned(1))).toEqual({ written: true });
    expect(write.swap.mock.calls).toEqual([[versioned(1)], [versioned(2)]]);
    expect(write.read).toHaveBeenCalledTimes(1);
  });

  it('passes on any other failure of the insert', async () => {
    const write = forward([null], { insert: jest.fn().mockRejectedValue(new Error('connection closed')) });

    await expect(writeForward(write)).rejects.toThrow('connection closed');
  });
});
