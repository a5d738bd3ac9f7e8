import { categoryOf, compareCodePoints } from '../../internal/categorical-sample.js';
import type { CategoricalColumnProfile } from '../dataset-profile.js';

/**
 * The mutable state behind a categorical column profile.
 *
 * Categories outside the spec are counted by name while there is room (`maxCategories` in all);
 * when there is none, the code-point-largest of the kept names and the newcomer compete and the
 * larger one's values move to `other`. Keeping "the smallest names seen" rather than "the first
 * names seen" or "the most frequent names" is what makes the profile a function of the multiset
 * of values alone: the kept names are always the K smallest extra names in the data, and the K
 * smallest of a union are the K smallest of the union of each part's K smallest. Merging in any
 * order or grouping therefore keeps the same names with their exact counts, and `other` is
 * the rest of the count, so merge is exactly associative and commutative.
 */
export class CategoricalAccumulator {
  private count = 0;
  private missing = 0;
  private other = 0;
  private readonly specIndex: Map<string, number>;
  private readonly specCounts: Float64Array;
  private readonly extras = new Map<string, number>();
  private readonly extraCapacity: number;
  /** The code-point-largest kept extra name, the one to evict first; undefined when none is kept. */
  private largestExtra: string | undefined;

  constructor(categories: readonly string[], maxCategories: number) {
    this.specIndex = new Map(categories.map((category, index) => [category, index]));
    this.specCounts = new Float64Array(categories.length);
    this.extraCapacity = Math.max(0, maxCategories - categories.length);
  }

  add(value: unknown): void {
    const category = typeof value === 'string' && value !== '' ? value : categoryOf(value);
    if (category === undefined) {
      this.missing++;
      return;
    }
    this.count++;
    const index = this.specIndex.get(category);
    if (index !== undefined) {
      this.specCounts[index]!++;
      return;
    }
    const extra = this.extras.get(category);
    if (extra !== undefined) this.extras.set(category, extra + 1);
    else this.addNewExtra(category);
  }

  addMissing(): void {
    this.missing++;
  }

  private addNewExtra(category: string): void {
    if (this.extras.size < this.extraCapacity) {
      this.extras.set(category, 1);
      if (this.largestExtra === undefined || compareCodePoints(category, this.largestExtra) > 0) this.largestExtra = category;
      return;
    }
    if (this.largestExtra === undefined || compareCodePoints(category, this.largestExtra) > 0) {
      this.other++;
      return;
    }
    // The newcomer is smaller than the largest kept name: it takes that name's place.
    this.other += this.extras.get(this.largestExtra)!;
    this.extras.delete(this.largestExtra);
    this.extras.set(category, 1);
    let largest: string | undefined;
    for (const name of this.extras.keys()) if (largest === undefined || compareCodePoints(name, largest) > 0) largest = name;
    this.largestExtra = largest;
  }

  snapshot(): CategoricalColumnProfile {
    const extraCategories = [...this.extras.keys()].sort(compareCodePoints);
    return {
      kind: 'categorical',
      count: this.count,
      missing: this.missing,
      counts: Array.from(this.specCounts),
      extraCategories,
      extraCounts: extraCategories.map((category) => this.extras.get(category)!),
      other: this.other,
    };
  }

  clear(): void {
    this.count = 0;
    this.missing = 0;
    this.other = 0;
    this.specCounts.fill(0);
    this.extras.clear();
    this.largestExtra = undefined;
  }
}
