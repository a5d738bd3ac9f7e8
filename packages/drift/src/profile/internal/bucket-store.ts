import { binIndex } from '../../binning.js';
import type { SketchBuckets } from '../quantile-sketch.js';
import { bucketRepresentative, sparseBuckets, type BucketMapping } from './sketch-buckets.js';

/** Room added on the growing side, at least; growth doubles beyond that so it stays amortised O(1). */
const minimumGrowth = 32;
/**
 * Relative margin around a bucket's nominal bounds γ^(k−1) and γ^k when deciding whether the
 * whole bucket lies in one histogram bin. It covers the rounding of ⌈ln x / ln γ⌉, which moves
 * a bucket's true bounds by about 1e-13 relative.
 */
const boundsMargin = 1e-9;
/** Marks a bucket that a cut passes through: its values need a search of the cuts. */
const straddles = -1;
/** Marks a bucket whose bin is not worked out yet; short-lived builders only pay for the buckets they touch. */
const unknown = -2;

/**
 * One sign of a sketch: a growable dense array of bucket counts addressed by key, plus, for
 * each bucket, the histogram bin that holds all of it. The second array is what makes ingest
 * fast: a binary search of the cuts mispredicts a branch or two per value on real data, while
 * a bucket's bin is one load; only the few buckets that a cut passes through still search.
 * `add` allocates only when a key falls outside the current range, about log(range) times per stream.
 */
export class BucketStore {
  private offset = 0;
  private counts = new Float64Array(0);
  private bins = new Int32Array(0);

  constructor(
    private readonly sign: 1 | -1,
    private readonly cuts: Float64Array,
    private readonly mapping: BucketMapping,
  ) {}

  /** Counts one value of bucket `key` and returns the histogram bin of the whole bucket, or -1 when a cut splits it. */
  add(key: number): number {
    let index = key - this.offset;
    if (index < 0 || index >= this.counts.length) {
      this.grow(key);
      index = key - this.offset;
    }
    this.counts[index]!++;
    const bin = this.bins[index]!;
    return bin === unknown ? (this.bins[index] = this.binOfBucket(key)) : bin;
  }

  /** The non-empty buckets, copied. */
  snapshot(): SketchBuckets {
    return sparseBuckets(this.counts, this.offset);
  }

  clear(): void {
    this.counts.fill(0);
  }

  private grow(key: number): void {
    const length = this.counts.length;
    let low: number;
    let high: number;
    if (length === 0) {
      low = key - minimumGrowth / 2;
      high = key + minimumGrowth / 2;
    } else {
      const padding = Math.max(minimumGrowth, length);
      low = key < this.offset ? key - padding : this.offset;
      high = key >= this.offset + length ? key + padding : this.offset + length;
    }
    const counts = new Float64Array(high - low);
    if (length > 0) counts.set(this.counts, this.offset - low);
    const bins = new Int32Array(high - low).fill(unknown);
    if (length > 0) bins.set(this.bins, this.offset - low);
    this.offset = low;
    this.counts = counts;
    this.bins = bins;
  }

  private binOfBucket(key: number): number {
    // Bucket k holds magnitudes in (γ^(k−1), γ^k]; the representative is γ^k · 2/(1 + γ).
    const upper = bucketRepresentative(key, this.mapping) / this.mapping.representativeFactor;
    const lower = upper / this.mapping.gamma;
    const from = this.sign > 0 ? lower * (1 - boundsMargin) : -upper * (1 + boundsMargin);
    const to = this.sign > 0 ? upper * (1 + boundsMargin) : -lower * (1 - boundsMargin);
    const first = binIndex(this.cuts, from);
    return first === binIndex(this.cuts, to) ? first : straddles;
  }
}
