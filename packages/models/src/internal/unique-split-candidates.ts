/** The part of ml-cart's internal `TreeNode` that this module touches. */
interface SplitCandidateSource {
  featureSplit(values: number[], labels: number[]): number[];
}

/**
 * Runs `train` while ml-cart's `TreeNode#featureSplit` returns each candidate threshold once.
 *
 * ml-cart proposes a threshold between every pair of neighbouring sorted values whose labels
 * differ, so a 0/1 column yields thousands of copies of the same three thresholds and each copy
 * costs a full pass over the node: about 32 s per tree on Telco. `bestSplit` keeps the first
 * candidate with the strictly greatest gain and equal thresholds have equal gains, so dropping
 * later duplicates cannot change the tree (a test checks the JSON is identical).
 *
 * The patch is scoped: it is installed for the synchronous `train` call only and removed in
 * `finally`, so no other code can observe it.
 *
 * @example
 * ```ts
 * withUniqueSplitCandidates(Object.getPrototypeOf(tree.root), () => tree.train(matrix, labels));
 * ```
 */
export function withUniqueSplitCandidates<T>(treeNodePrototype: object, train: () => T): T {
  const prototype = treeNodePrototype as SplitCandidateSource;
  const original = prototype.featureSplit;
  if (typeof original !== 'function') return train();
  const descriptor = Object.getOwnPropertyDescriptor(prototype, 'featureSplit');
  Object.defineProperty(prototype, 'featureSplit', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function uniqueFeatureSplit(this: SplitCandidateSource, values: number[], labels: number[]): number[] {
      const candidates = original.call(this, values, labels);
      const unique: number[] = [];
      let previous = Number.NaN;
      const seen = new Set<number>();
      for (const candidate of candidates) {
        // Duplicates arrive in runs; the Set catches the rest.
        if (candidate === previous || seen.has(candidate)) continue;
        seen.add(candidate);
        unique.push(candidate);
        previous = candidate;
      }
      return unique;
    },
  });
  try {
    return train();
  } finally {
    if (descriptor) Object.defineProperty(prototype, 'featureSplit', descriptor);
    else delete (prototype as Partial<SplitCandidateSource>).featureSplit;
  }
}
