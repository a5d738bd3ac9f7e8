import { describe, expect, it } from 'vitest';
import { numericBins } from '../binning.js';
import { createProfileSpec } from './create-profile-spec.js';

describe('createProfileSpec', () => {
  it('takes the PSI cuts of numeric columns and the code-point-ordered categories of categorical ones', () => {
    const amount = [5, 1, 4, 2, 3, null, 9, 7, 8, 6, 10];
    const spec = createProfileSpec([...amount.map((value, index) => ({ amount: value, plan: ['b', '\u{1F600}', '\uFF5E', 'a'][index % 4] }))]);
    expect(spec.columns).toEqual([
      {
        name: 'amount',
        kind: 'numeric',
        kindSource: 'inferred',
        kindReason: 'inferred numeric: number values',
        cuts: numericBins(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).cuts,
      },
      {
        name: 'plan',
        kind: 'categorical',
        kindSource: 'inferred',
        kindReason: 'inferred categorical: text values such as "b"',
        categories: ['a', 'b', '\uFF5E', '\u{1F600}'],
      },
    ]);
    expect(spec).toMatchObject({ relativeAccuracy: 0.01, maxCategories: 1000 });
    expect(spec.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the most frequent categories beyond maxCategories, ties broken by code point', () => {
    const spec = createProfileSpec({ plan: ['d', 'd', 'd', 'c', 'c', 'b', 'b', 'a', 'e'] }, { maxCategories: 3 });
    expect(spec.columns[0]).toMatchObject({ categories: ['b', 'c', 'd'] });
  });

  it('honours declared kinds and exclusions, and gives a column without values one bin', () => {
    const spec = createProfileSpec(
      { zip: [12345, 67890], id: ['a', 'b'], score: [null, Number.NaN] },
      { categorical: ['zip'], exclude: ['id'] },
    );
    expect(spec.columns).toEqual([
      { name: 'zip', kind: 'categorical', kindSource: 'declared', kindReason: 'declared categorical', categories: ['12345', '67890'] },
      { name: 'score', kind: 'numeric', kindSource: 'inferred', kindReason: 'inferred numeric: no values', cuts: [] },
    ]);
  });

  it('changes the fingerprint with anything that changes how values are counted', () => {
    const data = { x: [1, 2, 3, 4], c: ['a', 'b', 'a', 'b'] };
    const base = createProfileSpec(data).fingerprint;
    expect(createProfileSpec(data).fingerprint).toBe(base);
    expect(createProfileSpec(data, { relativeAccuracy: 0.02 }).fingerprint).not.toBe(base);
    expect(createProfileSpec(data, { maxCategories: 10 }).fingerprint).not.toBe(base);
    expect(createProfileSpec(data, { binCount: 4 }).fingerprint).not.toBe(base);
    expect(createProfileSpec({ ...data, x: [1, 2, 3, 5] }).fingerprint).not.toBe(base);
  });

  it('rejects empty references, unknown columns and bad options', () => {
    expect(() => createProfileSpec([])).toThrow(expect.objectContaining({ code: 'EMPTY_SAMPLE' }));
    expect(() => createProfileSpec({ x: [1] }, { exclude: ['y'] })).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }));
    expect(() => createProfileSpec({ x: [1] }, { binCount: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createProfileSpec({ x: [1] }, { maxCategories: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createProfileSpec({ x: [1] }, { relativeAccuracy: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createProfileSpec({ x: [1] }, { numeric: ['x'], categorical: ['x'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
