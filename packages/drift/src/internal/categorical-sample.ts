import { DriftwatchError } from '../errors/driftwatch-error.js';

/** A categorical sample. `null`, `undefined`, NaN and the empty string count as missing. */
export type CategoricalSample = ArrayLike<string | number | boolean | null | undefined>;

/** The category of one value, or undefined when the value is missing. Numbers and booleans become their text. */
export function categoryOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Counts each category of a sample. Throws `EMPTY_SAMPLE` when every value is missing. */
export function countCategories(sample: CategoricalSample, role: string): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (let index = 0; index < sample.length; index++) {
    const category = categoryOf(sample[index]);
    if (category === undefined) continue;
    counts.set(category, (counts.get(category) ?? 0) + 1);
    total++;
  }
  if (total === 0) {
    throw new DriftwatchError({
      code: 'EMPTY_SAMPLE',
      message: `The ${role} sample has no non-missing categorical values.`,
      details: { role, length: sample.length },
    });
  }
  return { counts, total };
}

/**
 * Orders strings by Unicode code point, as Python's `sorted()` does. JavaScript's default
 * comparison uses UTF-16 code units, which disagrees for characters beyond U+FFFF.
 */
export function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = left.charCodeAt(index);
    const b = right.charCodeAt(index);
    if (a === b) continue;
    const aSurrogate = a >= 0xd800 && a <= 0xdfff;
    const bSurrogate = b >= 0xd800 && b <= 0xdfff;
    if (aSurrogate !== bSurrogate) return aSurrogate ? 1 : -1;
    return a - b;
  }
  return left.length - right.length;
}
