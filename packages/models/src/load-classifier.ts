import { DriftwatchError } from '@driftwatch/drift';
import type { ClassifierJson } from './classifier-json.js';
import type { Classifier } from './classifier.js';
import { createClassifier } from './internal/create-classifier.js';

/**
 * Restores a classifier from `classifier.toJSON()` (or its JSON string). The restored classifier
 * returns bit-identical probabilities. Throws `PARSE_FAILED` for a string that is not JSON and
 * `INVALID_ARGUMENT` for JSON that is not a classifier of a supported version.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * const classifier = loadClassifier(await readFile('model.json', 'utf8'));
 * classifier.predictProba([{ tenure: 3, Contract: 'Month-to-month' }]);
 * ```
 */
export function loadClassifier(json: ClassifierJson | string): Classifier {
  let document: unknown = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json) as unknown;
    } catch (error) {
      throw new DriftwatchError({ code: 'PARSE_FAILED', message: 'loadClassifier: the string is not JSON.', cause: error });
    }
  }
  // Keep a private copy: `toJSON()` hands it out, and nobody may change what we score with.
  return createClassifier(document, { copy: true });
}

