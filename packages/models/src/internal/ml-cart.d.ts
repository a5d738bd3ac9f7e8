// ml-cart ships no type declarations; this is the subset Driftwatch calls.
declare module 'ml-cart' {
  export interface DecisionTreeClassifierOptions {
    gainFunction?: 'gini';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: DecisionTreeClassifierOptions);
    root: unknown;
    train(trainingSet: number[][], trainingLabels: number[]): void;
    toJSON(): unknown;
    static load(model: unknown): DecisionTreeClassifier;
  }
}
