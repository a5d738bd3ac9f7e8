import { createProfileSpec, profileDataset } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { countOutsideRange } from './count-outside-range.js';

function numericColumn(values: number[]) {
  const column = profileDataset(createProfileSpec({ x: [0, 50, 100] }), { x: values }).columns[0]!;
  if (column.kind !== 'numeric') throw new Error('expected a numeric column');
  return column;
}

describe('countOutsideRange', () => {
  it('is exact when min and max show nothing or everything outside', () => {
    expect(countOutsideRange(numericColumn([1, 2, 72]), 0, 72)).toBe(0);
    expect(countOutsideRange(numericColumn([80, 90]), 0, 72)).toBe(2);
  });

  it('counts values beyond either end from the sketch, never a value on the boundary', () => {
    const values = [-5, -3, ...Array.from({ length: 100 }, (_, index) => (index * 72) / 99), 150, 200, 300];
    expect(countOutsideRange(numericColumn(values), 0, 72)).toBe(5);
    expect(countOutsideRange(numericColumn([72, 72, 72, 100]), 0, 72)).toBe(1);
  });
});
