import { DecisionTreeClassifier } from 'ml-cart';
import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import { withUniqueSplitCandidates } from './unique-split-candidates.js';

// Many ties and few distinct values: exactly the shape that makes ml-cart propose duplicates.
function tiedData(seed: number): { rows: number[][]; labels: number[] } {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let index = 0; index < 300; index++) {
    const row = [random.nextInt(2), random.nextInt(5), random.nextInt(40), random.nextInt(3)];
    rows.push(row);
    labels.push(row[0]! + row[1]! + random.nextInt(4) > 3 ? 1 : 0);
  }
  return { rows, labels };
}

function train(rows: number[][], labels: number[], unique: boolean): unknown {
  const tree = new DecisionTreeClassifier({ maxDepth: 5, gainThreshold: 0 });
  if (unique) {
    const probe = new DecisionTreeClassifier({});
    probe.train([[0], [1], [2]], [0, 1, 0]);
    withUniqueSplitCandidates(Object.getPrototypeOf(probe.root) as object, () => tree.train(rows, labels));
  } else {
    tree.train(rows, labels);
  }
  return JSON.parse(JSON.stringify(tree.toJSON()));
}

describe('withUniqueSplitCandidates', () => {
  it.each([1, 2, 3])('grows exactly the tree ml-cart grows on its own (data seed %i)', (seed) => {
    const { rows, labels } = tiedData(seed);
    expect(train(rows, labels, true)).toEqual(train(rows, labels, false));
  });

  it('removes itself afterwards, even when training throws', () => {
    const probe = new DecisionTreeClassifier({});
    probe.train([[0], [1], [2]], [0, 1, 0]);
    const prototype = Object.getPrototypeOf(probe.root) as { featureSplit: unknown };
    const original = prototype.featureSplit;
    expect(() =>
      withUniqueSplitCandidates(prototype, () => {
        expect(prototype.featureSplit).not.toBe(original);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(prototype.featureSplit).toBe(original);
    expect(Object.getOwnPropertyDescriptor(prototype, 'featureSplit')?.enumerable).toBe(false);
  });
});
