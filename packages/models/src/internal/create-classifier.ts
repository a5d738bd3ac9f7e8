import { DriftwatchError } from '@driftwatch/drift';
import { classifierFlavors } from '../classifier-flavors.js';
import { classifierJsonFormat, classifierJsonVersion, type ClassifierJson } from '../classifier-json.js';
import type { Classifier } from '../classifier.js';
import { featureKinds } from '../infer-column-kinds.js';
import { permutationImportance } from '../permutation-importance.js';
import { loadLearnedModel, type LearnedModelJson, type RowScorer } from './learned-model.js';
import { loadTabularEncoder, type TabularEncoder, type TabularEncoderJson } from './tabular-encoder.js';

/**
 * Checks a serialized classifier and builds the live one. `copy: false` is for documents
 * nobody else holds (fresh from training or from the worker): it skips a structured clone.
 * The document is frozen either way.
 *
 * @example
 * ```ts
 * const classifier = createClassifier(fitClassifier(rows, options), { copy: false });
 * ```
 */
export function createClassifier(document: unknown, options: { copy: boolean }): Classifier {
  const checked = checkDocument(document, options.copy);
  let encoder: TabularEncoder;
  let score: RowScorer;
  try {
    encoder = loadTabularEncoder(checked.encoder as unknown as TabularEncoderJson);
    if (encoder.featureCount !== checked.featureNames.length) {
      throw new RangeError(`The encoder makes ${encoder.featureCount} features, featureNames lists ${checked.featureNames.length}.`);
    }
    score = loadLearnedModel(checked.model as unknown as LearnedModelJson, encoder.featureCount);
  } catch (error) {
    throw invalid(`the model is malformed: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return assemble(checked, encoder, score);
}

function assemble(json: ClassifierJson, encoder: TabularEncoder, score: RowScorer): Classifier {
  // One scratch row per classifier: scoring a row allocates nothing but the result.
  const scratch = new Float64Array(encoder.featureCount);
  const classifier: Classifier = {
    flavor: json.flavor,
    target: json.target,
    positive: json.positive,
    columnKinds: Object.freeze({ ...json.columnKinds }),
    featureNames: Object.freeze([...json.featureNames]),
    predictProba(rows) {
      if (!Array.isArray(rows)) {
        throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'predictProba: rows must be an array of objects.' });
      }
      const probabilities = new Float64Array(rows.length);
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index];
        if (typeof row !== 'object' || row === null) {
          throw new DriftwatchError({
            code: 'INVALID_ARGUMENT',
            message: `predictProba: row ${index} is not an object.`,
            details: { rowIndex: index },
          });
        }
        encoder.encodeRow(row, scratch, 0);
        probabilities[index] = score(scratch, 0);
      }
      return probabilities;
    },
    permutationImportance(rows, options) {
      return permutationImportance(classifier, rows, options);
    },
    toJSON: () => json,
  };
  return Object.freeze(classifier);
}

function checkDocument(document: unknown, copy: boolean): ClassifierJson {
  if (typeof document !== 'object' || document === null) throw invalid('expected an object');
  const candidate = document as Partial<Record<keyof ClassifierJson, unknown>>;
  if (candidate.format !== classifierJsonFormat) throw invalid(`format must be "${classifierJsonFormat}"`);
  if (candidate.version !== classifierJsonVersion) {
    throw invalid(`version ${String(candidate.version)} is not supported (this release reads version ${classifierJsonVersion})`);
  }
  if (!classifierFlavors.includes(candidate.flavor as never)) throw invalid(`unknown flavor "${String(candidate.flavor)}"`);
  if (typeof candidate.target !== 'string') throw invalid('target must be a string');
  if (!['string', 'number', 'boolean'].includes(typeof candidate.positive)) throw invalid('positive must be a label value');
  const kinds = candidate.columnKinds;
  if (typeof kinds !== 'object' || kinds === null || Object.values(kinds).some((kind) => !featureKinds.includes(kind))) {
    throw invalid('columnKinds must map columns to "numeric" or "categorical"');
  }
  const names = candidate.featureNames;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw invalid('featureNames must be strings');
  for (const key of ['encoder', 'model', 'hyperparameters'] as const) {
    if (typeof candidate[key] !== 'object' || candidate[key] === null) throw invalid(`${key} must be an object`);
  }
  return deepFreeze((copy ? structuredClone(document) : document) as ClassifierJson);
}

function invalid(problem: string, cause?: unknown): DriftwatchError {
  return new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `loadClassifier: ${problem}.`, cause });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
