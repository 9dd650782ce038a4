import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResults, RELIABILITY_TESTS, type ReliabilityResult, renderReport } from './reliability-report';

const r7: ReliabilityResult = {
  test: 'r7',
  commit: '0123456789abcdef0123',
  measuredAt: '2026-12-07T10:00:00.000Z',
  mode: 'short',
  passed: true,
  figure: '11144 cases on 61 routes: 0 escapes, 0 5xx',
};

describe('the reliability report', () => {
  const rowOf = (report: string, test: string) => report.split('\n').find((line) => line.startsWith(`| ${test.toUpperCase()} `));

  it('writes one row per test of the suite, in order, each measured one with its figures, commit and date', () => {
    const report = renderReport(new Map([['r7', r7]]));
    const rows = report.split('\n').filter((line) => /^\| R\d/.test(line));
    expect(rows).toHaveLength(RELIABILITY_TESTS.length);
    expect(rowOf(report, 'r7')).toBe(
      `| ${RELIABILITY_TESTS.find(({ test }) => test === 'r7')!.title} | pass (short) | ${r7.figure} | \`0123456789ab\` | 2026-12-07 |`,
    );
    expect(rowOf(report, 'r1')).toContain('| not built yet |');
  });

  it('marks a failed test, and keeps a figure with a pipe inside its cell', () => {
    const report = renderReport(new Map([['r6', { ...r7, test: 'r6', passed: false, figure: 'a | b' }]]));
    expect(rowOf(report, 'r6')).toContain('| **FAIL** (short) | a \\| b |');
  });

  it('reads the results the tests left, by test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'naperj-report-'));
    writeFileSync(join(dir, 'r7.json'), JSON.stringify(r7));
    writeFileSync(join(dir, 'notes.txt'), 'not a result');
    expect([...readResults(dir)]).toEqual([['r7', r7]]);
    expect(readResults(join(dir, 'missing')).size).toBe(0);
  });
});
