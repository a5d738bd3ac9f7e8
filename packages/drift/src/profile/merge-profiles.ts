import { DriftwatchError } from '../errors/driftwatch-error.js';
import { compareCodePoints } from '../internal/categorical-sample.js';
import type { CategoricalColumnProfile, ColumnProfile, DatasetProfile, NumericColumnProfile } from './dataset-profile.js';
import { DenseCounts } from './internal/dense-counts.js';

/**
 * Merges profiles of the same spec into a new profile, as if their data had been profiled
 * together. Throws `INCOMPATIBLE_PROFILES` when the specs' fingerprints differ and
 * `INVALID_ARGUMENT` when given no profile.
 *
 * Counts, missing counts, min, max, histograms, sketches, categorical counts and `other` are
 * integer sums or extrema, so the merge is exactly associative and commutative for them and
 * equals the profile of the concatenated data. Mean and m2 use Chan, Golub & LeVeque's pairwise
 * update; a pair is combined in a canonical order, so `merge(a, b)` and `merge(b, a)` agree
 * bit for bit, but regrouping can change the last bits (the property tests hold mean and m2
 * to 1e-9 relative, measured against the data's magnitude when they are near 0).
 *
 * @example
 * ```ts
 * import { createProfileSpec, mergeProfiles, profileDataset } from '@driftwatch/drift';
 * const spec = createProfileSpec({ amount: [1, 2, 3, 4] });
 * const day = mergeProfiles(profileDataset(spec, { amount: [1, 2] }), profileDataset(spec, { amount: [3] }));
 * day.rowCount; // 3
 * ```
 */
export function mergeProfiles(...profiles: DatasetProfile[]): DatasetProfile {
  const first = profiles[0];
  if (first === undefined) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'mergeProfiles needs at least one profile.' });
  }
  const spec = first.spec;
  for (let index = 1; index < profiles.length; index++) {
    const other = profiles[index]!.spec.fingerprint;
    if (other !== spec.fingerprint) {
      throw new DriftwatchError({
        code: 'INCOMPATIBLE_PROFILES',
        message: `Profile ${index} has spec ${other} but profile 0 has spec ${spec.fingerprint}; only profiles of the same spec merge.`,
        details: { index, expected: spec.fingerprint, actual: other },
      });
    }
  }
  const mergers = spec.columns.map((column): ColumnMerger =>
    column.kind === 'numeric'
      ? new NumericMerger(column.cuts.length + 1, spec.relativeAccuracy)
      : new CategoricalMerger(column.categories.length, spec.maxCategories - column.categories.length),
  );
  let rowCount = 0;
  // Profile by profile rather than column by column: each profile's objects sit together in
  // memory, so a day of 1,440 minute profiles is read in allocation order.
  for (const profile of profiles) {
    rowCount += profile.rowCount;
    const columns = profile.columns;
    for (let index = 0; index < mergers.length; index++) mergers[index]!.add(columns[index]!);
  }
  return { spec, rowCount, columns: mergers.map((merger) => merger.result()) };
}

/** Accumulates one column over many profiles; columns of one spec always have the merger's kind. */
interface ColumnMerger {
  add(part: ColumnProfile): void;
  result(): ColumnProfile;
}

class NumericMerger implements ColumnMerger {
  private count = 0;
  private missing = 0;
  private min = Infinity;
  private max = -Infinity;
  private mean = 0;
  private m2 = 0;
  private zeroCount = 0;
  private readonly histogram: Float64Array;
  private readonly positive = new DenseCounts();
  private readonly negative = new DenseCounts();

  constructor(
    binCount: number,
    private readonly relativeAccuracy: number,
  ) {
    this.histogram = new Float64Array(binCount);
  }

  add(column: ColumnProfile): void {
    const part = column as NumericColumnProfile;
    this.missing += part.missing;
    if (part.min < this.min) this.min = part.min;
    if (part.max > this.max) this.max = part.max;
    const count = part.count;
    if (count > 0) {
      if (this.count === 0) {
        this.count = count;
        this.mean = part.mean;
        this.m2 = part.m2;
      } else {
        // Chan et al.'s update, with the pair in a canonical order (the larger group first, so
        // the update moves the mean the least) so that merging a and b gives the bits of b and a.
        const mean = part.mean;
        const m2 = part.m2;
        const ownFirst = this.count !== count ? this.count > count : this.mean !== mean ? this.mean < mean : this.m2 <= m2;
        const firstCount = ownFirst ? this.count : count;
        const firstMean = ownFirst ? this.mean : mean;
        const delta = (ownFirst ? mean : this.mean) - firstMean;
        const total = this.count + count;
        const share = (ownFirst ? count : this.count) / total;
        this.m2 = (ownFirst ? this.m2 + m2 : m2 + this.m2) + delta * delta * firstCount * share;
        this.mean = firstMean + delta * share;
        this.count = total;
      }
    }
    const histogram = part.histogram;
    for (let index = 0; index < histogram.length; index++) this.histogram[index]! += histogram[index]!;
    this.zeroCount += part.sketch.zeroCount;
    this.positive.addBuckets(part.sketch.positive);
    this.negative.addBuckets(part.sketch.negative);
  }

  result(): NumericColumnProfile {
    return {
      kind: 'numeric',
      count: this.count,
      missing: this.missing,
      min: this.min,
      max: this.max,
      mean: this.mean,
      m2: this.m2,
      histogram: Array.from(this.histogram),
      sketch: {
        relativeAccuracy: this.relativeAccuracy,
        zeroCount: this.zeroCount,
        positive: this.positive.toBuckets(),
        negative: this.negative.toBuckets(),
      },
    };
  }
}

/**
 * Sums spec counts and `other`, then keeps the code-point-smallest extra names up to the cap
 * and moves the counts of the rest to `other`. See `CategoricalAccumulator` for why this rule,
 * unlike keeping the first or the most frequent names, is exactly associative.
 */
class CategoricalMerger implements ColumnMerger {
  private count = 0;
  private missing = 0;
  private other = 0;
  private readonly counts: Float64Array;
  private readonly extras = new Map<string, number>();

  constructor(
    categoryCount: number,
    private readonly extraCapacity: number,
  ) {
    this.counts = new Float64Array(categoryCount);
  }

  add(column: ColumnProfile): void {
    const part = column as CategoricalColumnProfile;
    this.count += part.count;
    this.missing += part.missing;
    this.other += part.other;
    const counts = part.counts;
    for (let index = 0; index < counts.length; index++) this.counts[index]! += counts[index]!;
    const names = part.extraCategories;
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      this.extras.set(name, (this.extras.get(name) ?? 0) + part.extraCounts[index]!);
    }
  }

  result(): CategoricalColumnProfile {
    const names = [...this.extras.keys()].sort(compareCodePoints);
    const kept = names.slice(0, Math.max(0, this.extraCapacity));
    let other = this.other;
    for (let index = kept.length; index < names.length; index++) other += this.extras.get(names[index]!)!;
    return {
      kind: 'categorical',
      count: this.count,
      missing: this.missing,
      counts: Array.from(this.counts),
      extraCategories: kept,
      extraCounts: kept.map((name) => this.extras.get(name)!),
      other,
    };
  }
}
