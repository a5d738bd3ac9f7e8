import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsDepth } from './exceeds-depth.js';

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('exceedsDepth', () => {
  it('measures nesting of objects and arrays', () => {
    expect(exceedsDepth(1, 0)).toBe(false);
    expect(exceedsDepth({}, 0)).toBe(true);
    expect(exceedsDepth({ a: 1, b: 'x' }, 1)).toBe(false);
    expect(exceedsDepth({ a: [1] }, 1)).toBe(true);
    expect(exceedsDepth({ a: [1] }, 2)).toBe(false);
  });

  it('agrees with a recursive depth on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, maxDepth) => {
        expect(exceedsDepth(value, maxDepth)).toBe(depthOf(value) > maxDepth);
      }),
    );
  });

  it('survives a million levels without overflowing the stack', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(exceedsDepth(JSON.parse(text), 32)).toBe(true);
  });
});
