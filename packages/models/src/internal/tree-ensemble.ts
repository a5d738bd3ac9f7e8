import {
  decodeFloat64Array,
  decodeInt32Array,
  encodeTypedArray,
  type EncodedTypedArray,
} from './typed-array-codec.js';

/**
 * How tree outputs combine: `mean` averages leaf probabilities (random forest); `logistic`
 * adds leaf scores to a baseline and applies the sigmoid (gradient boosting).
 */
export type TreeAggregation = 'mean' | 'logistic';

/** A serialized {@link TreeEnsemble}. */
export interface TreeEnsembleJson {
  kind: 'tree-ensemble';
  aggregation: TreeAggregation;
  baseline: number;
  featureCount: number;
  roots: EncodedTypedArray;
  feature: EncodedTypedArray;
  threshold: EncodedTypedArray;
  firstChild: EncodedTypedArray;
}

/**
 * Trees compiled into flat typed arrays. Node `n` is a leaf when `feature[n] < 0`, and then
 * `threshold[n]` holds its value; otherwise a row goes to `firstChild[n]` when
 * `x[feature[n]] <= threshold[n]` and to `firstChild[n] + 1` otherwise.
 */
export interface TreeEnsemble {
  readonly aggregation: TreeAggregation;
  readonly baseline: number;
  readonly featureCount: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly firstChild: Int32Array;
}

/** Collects nodes of many trees while they grow. */
export class TreeBuilder {
  readonly roots: number[] = [];
  private feature: Int32Array = new Int32Array(1024);
  private threshold: Float64Array = new Float64Array(1024);
  private firstChild: Int32Array = new Int32Array(1024);
  private size = 0;

  /** Adds a root node (a leaf until split) and returns its index. */
  addRoot(): number {
    const node = this.allocate(1);
    this.roots.push(node);
    return node;
  }

  /** Turns `node` into a split and returns the index of its left child (the right one follows). */
  split(node: number, feature: number, threshold: number): number {
    const left = this.allocate(2);
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.firstChild[node] = left;
    return left;
  }

  /** Makes `node` a leaf with `value`. */
  setLeaf(node: number, value: number): void {
    this.feature[node] = -1;
    this.threshold[node] = value;
    this.firstChild[node] = -1;
  }

  /** Freezes the trees into compact arrays. */
  build(aggregation: TreeAggregation, baseline: number, featureCount: number): TreeEnsemble {
    return {
      aggregation,
      baseline,
      featureCount,
      roots: Int32Array.from(this.roots),
      feature: this.feature.slice(0, this.size),
      threshold: this.threshold.slice(0, this.size),
      firstChild: this.firstChild.slice(0, this.size),
    };
  }

  private allocate(count: number): number {
    if (this.size + count > this.feature.length) {
      const capacity = this.feature.length * 2;
      this.feature = grow(this.feature, new Int32Array(capacity));
      this.threshold = grow(this.threshold, new Float64Array(capacity));
      this.firstChild = grow(this.firstChild, new Int32Array(capacity));
    }
    const node = this.size;
    for (let index = 0; index < count; index++) {
      this.feature[node + index] = -1;
      this.firstChild[node + index] = -1;
    }
    this.size += count;
    return node;
  }
}

/**
 * The probability of the positive class for the row at `features[offset ...]`.
 * No allocation: this is the hot path of single-row scoring.
 *
 * @example
 * ```ts
 * const probability = predictTreeEnsemble(ensemble, encodedRow, 0);
 * ```
 */
export function predictTreeEnsemble(ensemble: TreeEnsemble, features: Float64Array, offset: number): number {
  const { roots, feature, threshold, firstChild } = ensemble;
  let sum = 0;
  for (let tree = 0; tree < roots.length; tree++) {
    let node = roots[tree]!;
    let split = feature[node]!;
    while (split >= 0) {
      node = features[offset + split]! <= threshold[node]! ? firstChild[node]! : firstChild[node]! + 1;
      split = feature[node]!;
    }
    sum += threshold[node]!;
  }
  if (ensemble.aggregation === 'mean') return roots.length === 0 ? 0 : sum / roots.length;
  return 1 / (1 + Math.exp(-(ensemble.baseline + sum)));
}

/** Serializes bit for bit. */
export function treeEnsembleToJson(ensemble: TreeEnsemble): TreeEnsembleJson {
  return {
    kind: 'tree-ensemble',
    aggregation: ensemble.aggregation,
    baseline: ensemble.baseline + 0,
    featureCount: ensemble.featureCount,
    roots: encodeTypedArray(ensemble.roots),
    feature: encodeTypedArray(ensemble.feature),
    threshold: encodeTypedArray(ensemble.threshold),
    firstChild: encodeTypedArray(ensemble.firstChild),
  };
}

/** Reverses {@link treeEnsembleToJson} and checks that every node reference is in range. */
export function treeEnsembleFromJson(json: TreeEnsembleJson): TreeEnsemble {
  const ensemble: TreeEnsemble = {
    aggregation: json.aggregation,
    baseline: json.baseline,
    featureCount: json.featureCount,
    roots: decodeInt32Array(json.roots),
    feature: decodeInt32Array(json.feature),
    threshold: decodeFloat64Array(json.threshold),
    firstChild: decodeInt32Array(json.firstChild),
  };
  const nodeCount = ensemble.feature.length;
  if (ensemble.threshold.length !== nodeCount || ensemble.firstChild.length !== nodeCount) {
    throw new RangeError('Tree arrays differ in length.');
  }
  for (const root of ensemble.roots) if (root < 0 || root >= nodeCount) throw new RangeError('Tree root out of range.');
  for (let node = 0; node < nodeCount; node++) {
    const split = ensemble.feature[node]!;
    if (split < 0) continue;
    const child = ensemble.firstChild[node]!;
    // Children always come after their parent, which also rules out cycles.
    if (split >= ensemble.featureCount || child <= node || child + 1 >= nodeCount) {
      throw new RangeError(`Tree node ${node} is malformed.`);
    }
  }
  return ensemble;
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
