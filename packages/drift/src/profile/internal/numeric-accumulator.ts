import { binIndex } from '../../binning.js';
import { numericValueOf } from '../../internal/dataset-columns.js';
import type { NumericColumnProfile } from '../dataset-profile.js';
import { BucketStore } from './bucket-store.js';
import { bucketKey, bucketMapping, zeroThreshold } from './sketch-buckets.js';

/**
 * The mutable state behind a numeric column profile. `add` allocates nothing for finite
 * numbers (numeric text is parsed first), so the per-prediction path creates no garbage.
 */
export class NumericAccumulator {
  private count = 0;
  private missing = 0;
  private min = Infinity;
  private max = -Infinity;
  private mean = 0;
  private m2 = 0;
  private zeroCount = 0;
  private readonly histogram: Float64Array;
  private readonly positive: BucketStore;
  private readonly negative: BucketStore;
  private readonly cuts: Float64Array;
  private readonly multiplier: number;

  constructor(
    cuts: readonly number[],
    private readonly relativeAccuracy: number,
  ) {
    this.cuts = Float64Array.from(cuts);
    this.histogram = new Float64Array(cuts.length + 1);
    const mapping = bucketMapping(relativeAccuracy);
    this.multiplier = mapping.multiplier;
    this.positive = new BucketStore(1, this.cuts, mapping);
    this.negative = new BucketStore(-1, this.cuts, mapping);
  }

  add(value: unknown): void {
    if (typeof value === 'number') {
      // Finite exactly when value − value is 0; NaN and ±Infinity give NaN.
      if (value - value === 0) this.addFinite(value);
      else this.missing++;
      return;
    }
    const parsed = numericValueOf(value);
    if (parsed === parsed) this.addFinite(parsed);
    else this.missing++;
  }

  addMissing(): void {
    this.missing++;
  }

  addFinite(value: number): void {
    const count = ++this.count;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    // Welford's update: stable where the naive sum of squares cancels catastrophically.
    const delta = value - this.mean;
    this.mean += delta / count;
    this.m2 += delta * (value - this.mean);
    let bin: number;
    if (value >= zeroThreshold) {
      bin = this.positive.add(bucketKey(value, this.multiplier));
    } else if (value <= -zeroThreshold) {
      bin = this.negative.add(bucketKey(-value, this.multiplier));
    } else {
      this.zeroCount++;
      bin = -1;
    }
    // The store knows the bin of every bucket that no cut passes through; only the rest search.
    this.histogram[bin >= 0 ? bin : binIndex(this.cuts, value)]!++;
  }

  snapshot(): NumericColumnProfile {
    return {
      kind: 'numeric',
      count: this.count,
      missing: this.missing,
      // +0 rather than -0, so that JSON round trips compare equal.
      min: this.min + 0,
      max: this.max + 0,
      mean: this.mean + 0,
      m2: this.m2,
      histogram: Array.from(this.histogram),
      sketch: {
        relativeAccuracy: this.relativeAccuracy,
        zeroCount: this.zeroCount,
        positive: this.positive.snapshot(),
        negative: this.negative.snapshot(),
      },
    };
  }

  clear(): void {
    this.count = 0;
    this.missing = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.mean = 0;
    this.m2 = 0;
    this.zeroCount = 0;
    this.histogram.fill(0);
    this.positive.clear();
    this.negative.clear();
  }
}
