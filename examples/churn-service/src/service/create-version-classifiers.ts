import type { Classifier } from '@driftwatch/models';
import type { ModelRegistry } from '@driftwatch/registry';

/** Classifiers by model version, loaded from the registry once each. */
export interface VersionClassifiers {
  /** The version's classifier if it is loaded already: the request path's synchronous case. */
  peek(version: string): Classifier | undefined;
  /** Loads the version's classifier from the registry (once, however many requests ask at the same time). */
  load(version: string): Promise<Classifier>;
}

/**
 * A cache of the classifiers the router sends traffic to. The router only names a version; the
 * handler scores with that version's classifier as the registry stores it (artifact SHA-256
 * checked on load), so a challenger registered by the retraining pipeline, in this process or
 * another, is served without a restart.
 *
 * @example
 * ```ts
 * const classifiers = createVersionClassifiers(registry, 'churn');
 * const classifier = classifiers.peek(route.modelVersion) ?? (await classifiers.load(route.modelVersion));
 * ```
 */
export function createVersionClassifiers(registry: ModelRegistry, modelName: string): VersionClassifiers {
  const loaded = new Map<string, Classifier>();
  const loading = new Map<string, Promise<Classifier>>();
  return {
    peek: (version) => loaded.get(version),
    load(version) {
      const known = loaded.get(version);
      if (known !== undefined) return Promise.resolve(known);
      let pending = loading.get(version);
      if (pending === undefined) {
        pending = registry.loadClassifier(modelName, version).then(
          (classifier) => {
            loaded.set(version, classifier);
            loading.delete(version);
            return classifier;
          },
          (error: unknown) => {
            loading.delete(version);
            throw error;
          },
        );
        loading.set(version, pending);
      }
      return pending;
    },
  };
}
