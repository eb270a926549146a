// Comparing scale runs: rows matched by size and task, changes as signed percentages, foreign files refused.
import { describe, expect, test } from 'vitest';
import { scaleComparison, scaleRowsOf } from '../../src/bench/compare.ts';

describe('scaleRowsOf', () => {
  test('reads the rows of a scale run and refuses anything else', () => {
    const rows = [{ boards: 'real', task: 'validate', ms: 300, maxRssMiB: 200 }];
    expect(scaleRowsOf({ node: 'v24', rows })).toEqual(rows);
    expect(scaleRowsOf({ timings: [] })).toBeNull();
    expect(scaleRowsOf(null)).toBeNull();
    expect(scaleRowsOf({ rows: [{ boards: 10, task: 'validate', ms: '300', maxRssMiB: 1 }] })).toBeNull();
  });
});

describe('scaleComparison', () => {
  test('puts each row beside the earlier one for the same size and task', () => {
    const table = scaleComparison(
      [
        { boards: 10000, task: 'validate', ms: 2500, maxRssMiB: 300 },
        { boards: 10000, task: 'full', ms: 60000, maxRssMiB: 1000 },
        { boards: 1000, task: 'validate', ms: 500, maxRssMiB: 100 },
      ],
      [
        { boards: 10000, task: 'validate', ms: 2000, maxRssMiB: 300 },
        { boards: 10000, task: 'full', ms: 66000, maxRssMiB: 990 },
        { boards: 150, task: 'validate', ms: 400, maxRssMiB: 90 },
      ],
    ).split('\n');
    expect(table.slice(2)).toEqual([
      '| 10000 | validate | 2500 | 2000 | −20% | 300 | 300 | ±0% |',
      '| 10000 | full | 60000 | 66000 | +10% | 1000 | 990 | −1% |',
      '| 150 | validate | | 400 | new | | 90 | new |',
    ]);
  });
});
