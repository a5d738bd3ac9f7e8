import { classifierJsonFormat, classifierJsonVersion, type Classifier } from '@driftwatch/models';
import type { ArtifactContent } from './artifact-store.js';

/**
 * The artifact content of a classifier from `@driftwatch/models`: its `toJSON()`, stored opaquely
 * under the flavor `driftwatch.classifier` and the models package's format version, which is
 * what `registry.loadClassifier` checks before calling `loadClassifier`.
 *
 * @example
 * ```ts
 * import { trainClassifier } from '@driftwatch/models';
 * import { classifierArtifact } from '@driftwatch/registry';
 * const classifier = await trainClassifier(rows, { target: 'Churn', positive: 'Yes' });
 * await registry.registerModelVersion({ modelName: 'churn', artifact: classifierArtifact(classifier) });
 * ```
 */
export function classifierArtifact(classifier: Classifier): ArtifactContent {
  return { flavor: classifierJsonFormat, formatVersion: classifierJsonVersion, data: classifier.toJSON() };
}
