/** Smallest capacity a growable column starts with. */
export const initialCapacity = 1024;

/**
 * Growth factor. 1.5 rather than 2 keeps the unused tail and the transient old-plus-new copy
 * small for million-row columns, at the price of a few more copies; appends stay amortised O(1).
 */
const growthFactor = 1.5;

/** A copy of `values` with room for at least `minimum` elements. */
export function growFloat64(values: Float64Array, minimum: number): Float64Array {
  const grown = new Float64Array(Math.max(minimum, Math.ceil(values.length * growthFactor), initialCapacity));
  grown.set(values);
  return grown;
}

/** A copy of `values` with room for at least `minimum` elements. */
export function growUint32(values: Uint32Array, minimum: number): Uint32Array {
  const grown = new Uint32Array(Math.max(minimum, Math.ceil(values.length * growthFactor), initialCapacity));
  grown.set(values);
  return grown;
}

/**
 * The first `length` elements: a view when the unused tail is at most an eighth of the storage
 * (no copy, little waste), else a trimmed copy.
 */
export function trimmed<Values extends Float64Array | Uint32Array>(values: Values, length: number): Values {
  return (values.length - length <= values.length / 8 ? values.subarray(0, length) : values.slice(0, length)) as Values;
}
