import { DriftwatchError } from '../errors/driftwatch-error.js';
import { sortFloat64 } from './sort-float64.js';

/** A numeric sample. `null`, `undefined`, NaN and ±Infinity count as missing. */
export type NumericSample = ArrayLike<number | null | undefined>;

/** Copies the finite values of a sample into a new Float64Array. */
export function finiteValues(sample: NumericSample): Float64Array {
  const length = sample.length;
  if (sample instanceof Float64Array || sample instanceof Float32Array || sample instanceof Int32Array) {
    let finite = 0;
    for (let index = 0; index < length; index++) if (Number.isFinite(sample[index])) finite++;
    if (finite === length) return Float64Array.from(sample as ArrayLike<number>);
  }
  const out = new Float64Array(length);
  let used = 0;
  for (let index = 0; index < length; index++) {
    const value = sample[index];
    if (typeof value === 'number' && Number.isFinite(value)) out[used++] = value;
  }
  return used === length ? out : out.slice(0, used);
}

/** Finite values of a sample, sorted ascending. Throws `EMPTY_SAMPLE` when none are left. */
export function sortedFiniteValues(sample: NumericSample, role: string): Float64Array {
  const values = finiteValues(sample);
  if (values.length === 0) {
    throw new DriftwatchError({
      code: 'EMPTY_SAMPLE',
      message: `The ${role} sample has no finite numeric values.`,
      details: { role, length: sample.length },
    });
  }
  return sortFloat64(values);
}
