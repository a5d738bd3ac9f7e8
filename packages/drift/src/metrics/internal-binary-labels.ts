import { DriftwatchError } from '../errors/driftwatch-error.js';
import { sortFloat64 } from '../internal/sort-float64.js';

/** A class label of a binary classifier: `0`/`1`, a boolean, or a string such as `'Yes'`. */
export type BinaryLabel = number | boolean | string;

/** Options shared by every binary classification metric. */
export interface BinaryLabelOptions {
  /**
   * The label of the positive class. Every other label is the negative class, and at most one
   * other label may appear. Strings have no natural positive class, so string labels need it.
   * @default `1` for numeric labels, `true` for boolean labels
   */
  positive?: BinaryLabel;
}

/** Labels turned into 0/1 flags, plus the two labels they stand for. */
export interface EncodedBinaryLabels {
  /** One flag array per input, in input order: 1 where the label is the positive class. */
  flags: Uint8Array[];
  positive: BinaryLabel;
  /** The negative label; `undefined` when no sample holds it and it cannot be implied (booleans imply it). */
  negative: BinaryLabel | undefined;
}

/** Actual labels as 0/1 flags next to their validated scores or probabilities. */
export interface ScoredBinaryLabels {
  isPositive: Uint8Array;
  scores: Float64Array;
  positiveCount: number;
}

function invalid(message: string, details: Record<string, unknown>): DriftwatchError {
  return new DriftwatchError({ code: 'INVALID_ARGUMENT', message, details });
}

function defaultPositive(first: unknown, role: string): BinaryLabel {
  if (typeof first === 'boolean') return true;
  if (typeof first === 'number') return 1;
  throw invalid(`The ${role} labels are ${typeof first}s; pass options.positive to name the positive class.`, {
    role,
    labelType: typeof first,
  });
}

/**
 * Turns label arrays into 0/1 flags with one shared positive and negative label, so that
 * `actual` and `predicted` agree on what the negative class is. Labels must all have the type
 * of the positive label; numeric labels must be finite.
 */
export function encodeBinaryLabels(
  samples: ReadonlyArray<{ labels: ArrayLike<BinaryLabel>; role: string }>,
  options: BinaryLabelOptions = {},
): EncodedBinaryLabels {
  const first = samples[0]!;
  for (const { labels, role } of samples) {
    if (labels.length === 0) {
      throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: `The ${role} labels are empty.`, details: { role } });
    }
    if (labels.length !== first.labels.length) {
      throw invalid(
        `The ${role} labels have length ${labels.length}; the ${first.role} labels have ${first.labels.length}.`,
        { role, length: labels.length, expectedLength: first.labels.length },
      );
    }
  }
  const positive = options.positive ?? defaultPositive(first.labels[0], first.role);
  const labelType = typeof positive;
  if (labelType !== 'number' && labelType !== 'boolean' && labelType !== 'string') {
    throw invalid('options.positive must be a number, a boolean or a string.', { positive });
  }
  if (labelType === 'number' && !Number.isFinite(positive)) {
    throw invalid('options.positive must be a finite number.', { positive });
  }
  let negative: BinaryLabel | undefined = labelType === 'boolean' ? !positive : undefined;
  const flags = samples.map(({ labels, role }) => {
    const length = labels.length;
    const encoded = new Uint8Array(length);
    for (let index = 0; index < length; index++) {
      const label = labels[index];
      if (label === positive) {
        encoded[index] = 1;
        continue;
      }
      if (typeof label !== labelType || (labelType === 'number' && !Number.isFinite(label))) {
        throw invalid(`The ${role} label at index ${index} is not a ${labelType} like the positive label.`, {
          role,
          index,
          label,
          positive,
        });
      }
      if (negative === undefined) negative = label;
      else if (label !== negative) {
        throw invalid(`The ${role} labels hold more than two classes; binary metrics allow one negative label.`, {
          role,
          index,
          positive,
          negative,
          label,
        });
      }
    }
    return encoded;
  });
  return { flags, positive, negative };
}

/**
 * Validates actual labels with their scores or probabilities: same length, non-empty, finite
 * scores and, when `probabilities` is set, scores within [0, 1].
 */
export function encodeScoredLabels(
  actual: ArrayLike<BinaryLabel>,
  scores: ArrayLike<number>,
  options: BinaryLabelOptions,
  scoreRole: 'scores' | 'probabilities',
): ScoredBinaryLabels {
  const {
    flags: [isPositive],
  } = encodeBinaryLabels([{ labels: actual, role: 'actual' }], options);
  const length = actual.length;
  if (scores.length !== length) {
    throw invalid(`There are ${scores.length} ${scoreRole} for ${length} actual labels.`, {
      role: scoreRole,
      length: scores.length,
      expectedLength: length,
    });
  }
  const values = new Float64Array(length);
  let positiveCount = 0;
  for (let index = 0; index < length; index++) {
    const value = scores[index]!;
    if (!Number.isFinite(value) || (scoreRole === 'probabilities' && (value < 0 || value > 1))) {
      throw invalid(
        scoreRole === 'probabilities'
          ? `The probability at index ${index} is ${value}; probabilities must lie in [0, 1].`
          : `The score at index ${index} is ${value}; scores must be finite.`,
        { role: scoreRole, index, value },
      );
    }
    values[index] = value;
    positiveCount += isPositive![index]!;
  }
  return { isPositive: isPositive!, scores: values, positiveCount };
}

/**
 * The scores of each class, each sorted ascending, as both ROC functions need them. Throws
 * `INVALID_ARGUMENT` when one class is absent, naming `what` ("ROC AUC", "A ROC curve").
 */
export function sortedScoresByClass(
  actual: ArrayLike<BinaryLabel>,
  scores: ArrayLike<number>,
  options: BinaryLabelOptions,
  what: string,
): { positives: Float64Array; negatives: Float64Array } {
  const { isPositive, scores: values, positiveCount } = encodeScoredLabels(actual, scores, options, 'scores');
  const negativeCount = values.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${what} needs both classes in the actual labels.`,
      details: { positiveCount, negativeCount },
    });
  }
  const positives = new Float64Array(positiveCount);
  const negatives = new Float64Array(negativeCount);
  for (let index = 0, positiveFill = 0, negativeFill = 0; index < values.length; index++) {
    if (isPositive[index] === 1) positives[positiveFill++] = values[index]!;
    else negatives[negativeFill++] = values[index]!;
  }
  return { positives: sortFloat64(positives), negatives: sortFloat64(negatives) };
}
