import type { SketchBuckets } from '../quantile-sketch.js';
import { sparseBuckets } from './sketch-buckets.js';

/** Room added on the growing side, at least; growth doubles beyond that so it stays amortised O(1). */
const minimumGrowth = 64;

/**
 * A growable dense array of counts addressed by bucket key, for adding many sparse bucket sets
 * (merging a day of minute sketches) with one scatter-add per bucket.
 */
export class DenseCounts {
  private offset = 0;
  private counts = new Float64Array(0);

  /** Adds every bucket of a sparse set; exact for integer counts below 2^53. */
  addBuckets(buckets: SketchBuckets): void {
    const { keys, counts } = buckets;
    const size = keys.length;
    if (size === 0) return;
    const first = keys[0]!;
    const last = keys[size - 1]!;
    if (first < this.offset || last >= this.offset + this.counts.length) this.grow(first, last);
    const target = this.counts;
    const offset = this.offset;
    for (let index = 0; index < size; index++) target[keys[index]! - offset]! += counts[index]!;
  }

  /** The non-empty buckets. */
  toBuckets(): SketchBuckets {
    return sparseBuckets(this.counts, this.offset);
  }

  private grow(first: number, last: number): void {
    const length = this.counts.length;
    let low: number;
    let high: number;
    if (length === 0) {
      low = first - minimumGrowth / 2;
      high = last + 1 + minimumGrowth / 2;
    } else {
      const padding = Math.max(minimumGrowth, length);
      low = first < this.offset ? first - padding : this.offset;
      high = last >= this.offset + length ? last + 1 + padding : this.offset + length;
    }
    const counts = new Float64Array(high - low);
    if (length > 0) counts.set(this.counts, this.offset - low);
    this.offset = low;
    this.counts = counts;
  }
}
