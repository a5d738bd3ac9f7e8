import { binOf, type BinnedFeatures } from './bin-features.js';
import { decodeFloat64Array, encodeTypedArray, type EncodedTypedArray } from './typed-array-codec.js';

/**
 * The mljs learners receive bin indices instead of raw values: with at most 255 distinct
 * values per feature, ml-cart proposes at most 254 thresholds per feature and node instead of
 * one per distinct value, which is what makes its trees train in about a second on Telco.
 */
export interface Prebinning {
  readonly thresholds: readonly Float64Array[];
}

/** The training matrix as the nested arrays that mljs takes, one bin index per cell. */
export function prebinnedRows(binned: BinnedFeatures): number[][] {
  const { bins, rowCount, featureCount } = binned;
  const rows: number[][] = new Array(rowCount);
  for (let row = 0; row < rowCount; row++) rows[row] = Array.from(bins.subarray(row * featureCount, (row + 1) * featureCount));
  return rows;
}

/**
 * Bins one encoded row with the training thresholds.
 *
 * @example
 * ```ts
 * const codes = prebinRow({ thresholds }, encodedRow, 0);
 * ```
 */
export function prebinRow(prebinning: Prebinning, features: Float64Array, offset: number): number[] {
  const { thresholds } = prebinning;
  const codes: number[] = new Array(thresholds.length);
  for (let feature = 0; feature < thresholds.length; feature++) codes[feature] = binOf(features[offset + feature]!, thresholds[feature]!);
  return codes;
}

/** Serializes the thresholds bit for bit. */
export function prebinningToJson(prebinning: Prebinning): EncodedTypedArray[] {
  return prebinning.thresholds.map((edges) => encodeTypedArray(edges));
}

/** Reverses {@link prebinningToJson}. */
export function prebinningFromJson(json: readonly EncodedTypedArray[], featureCount: number): Prebinning {
  if (json.length !== featureCount) throw new RangeError(`Expected ${featureCount} bin edge lists, got ${json.length}.`);
  return { thresholds: json.map((edges) => decodeFloat64Array(edges)) };
}
