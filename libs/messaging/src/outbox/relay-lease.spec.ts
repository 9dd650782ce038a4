import { claimDeadline, DEFAULT_LEASE_TIMING, handoverDeadline, leaseId, msUntilNextSlot, slotAt } from './relay-lease';

const timing = { slotMs: 3000, guardMs: 300, handoverMs: 2000 };

describe('relay lease slots', () => {
  it('numbers slots from the epoch, the boundary belonging to the new slot', () => {
    expect(slotAt(0, timing)).toBe(0);
    expect(slotAt(2999, timing)).toBe(0);
    expect(slotAt(3000, timing)).toBe(1);
    expect(slotAt(1_764_400_000_500, timing)).toBe(588_133_333);
  });

  it('counts the time left until the next slot starts', () => {
    expect(msUntilNextSlot(3000, timing)).toBe(3000);
    expect(msUntilNextSlot(3001, timing)).toBe(2999);
    expect(msUntilNextSlot(5999, timing)).toBe(1);
  });

  it('stops claiming batches a guard before the slot ends', () => {
    expect(claimDeadline(1, timing)).toBe(5700);
  });

  it('bounds the wait for the previous leader within the slot', () => {
    expect(handoverDeadline(1, timing)).toBe(5000);
  });

  it('leaves room to claim after the handover by default', () => {
    const { slotMs, guardMs, handoverMs } = DEFAULT_LEASE_TIMING;
    expect(handoverMs).toBeLessThan(slotMs - guardMs);
  });

  it('names the lease document by service and slot', () => {
    expect(leaseId('submissions', 42)).toBe('submissions:42');
  });
});
