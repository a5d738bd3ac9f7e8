import fc from 'fast-check';
import { expect } from 'vitest';
import type { DatasetProfile } from './dataset-profile.js';

/** A small seeded generator (mulberry32), so that failures replay. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal draws by Box–Muller. */
export function normals(count: number, seed: number, mean = 0, deviation = 1): number[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => mean + deviation * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/** Weighted draws from `names`. */
export function draws(count: number, seed: number, names: readonly string[], weights: readonly number[]): string[] {
  const random = seeded(seed);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return Array.from({ length: count }, () => {
    let draw = random() * total;
    for (let index = 0; index < names.length; index++) {
      draw -= weights[index]!;
      if (draw < 0) return names[index]!;
    }
    return names[names.length - 1]!;
  });
}

/** Everything a numeric column may receive, missing and malformed values included. */
export const numericValue = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 4, arbitrary: fc.integer({ min: -20, max: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, Number.NaN, Infinity, -Infinity, '', ' ', '2.5', 'abc', true, {}, 1e-12, -0) },
);

/** Category names that exercise code-point order (astral characters sort after U+FFFF-range ones). */
export const categoryNames = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'Z', 'é', '\u{1F600}', '\uFF5E', '10', '9'] as const;

export const categoricalValue = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<unknown>(...categoryNames) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, '', Number.NaN, 7, true, {}) },
);

/** Rows with a numeric column `x` and a categorical column `c`; keys are sometimes absent. */
export const rows = fc.array(
  fc.record({ x: numericValue, c: categoricalValue }, { requiredKeys: [] }),
  { maxLength: 60 },
);

/** A fixed reference with the two columns, its categories a subset of {@link categoryNames}. */
export const referenceRows = [
  ...normals(200, 1, 0, 1000).map((x, index) => ({ x, c: ['a', 'b', 'c', 'a', 'é'][index % 5] })),
  { x: 5, c: 'a' },
];

function closeTo(actual: number, expected: number, scale: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected), scale);
}

/**
 * Profiles equal in every count, histogram, sketch, extremum and category, with mean and m2
 * within 1e-9 relative (relative to the data's magnitude when they are near 0, where rounding
 * of values that cancel dominates).
 */
export function expectEquivalentProfiles(actual: DatasetProfile, expected: DatasetProfile): void {
  const strip = (profile: DatasetProfile) => ({
    ...profile,
    columns: profile.columns.map((column) => (column.kind === 'numeric' ? { ...column, mean: 0, m2: 0 } : column)),
  });
  expect(strip(actual)).toEqual(strip(expected));
  expected.columns.forEach((column, index) => {
    const other = actual.columns[index]!;
    if (column.kind !== 'numeric' || other.kind !== 'numeric' || column.count === 0) return;
    const magnitude = Math.max(Math.abs(column.min), Math.abs(column.max));
    if (!closeTo(other.mean, column.mean, magnitude)) expect.fail(`mean ${other.mean} vs ${column.mean}`);
    if (!closeTo(other.m2, column.m2, magnitude * magnitude)) expect.fail(`m2 ${other.m2} vs ${column.m2}`);
  });
}
