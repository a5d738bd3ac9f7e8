import type { ModelArtifact } from '@driftwatch/core';

/**
 * A serialized model before it is stored: `data` is plain JSON (for example `classifier.toJSON()`),
 * and `flavor` with `formatVersion` say how to load it again.
 *
 * @example
 * ```ts
 * import type { ArtifactContent } from '@driftwatch/registry';
 * const content: ArtifactContent = { flavor: 'constant', formatVersion: 1, data: { score: 0.27 } };
 * ```
 */
export interface ArtifactContent {
  flavor: string;
  formatVersion: number;
  data: unknown;
}

/**
 * Where model artifacts live: inline in the registry's database (`createInlineArtifactStore`, the
 * default) or as files in a directory (`createFileArtifactStore`). `save` returns the
 * {@link ModelArtifact} to keep in the version record, with the SHA-256 of the data's canonical
 * JSON; `load` returns the data and rejects with `VALIDATION_FAILED` when the digest does not match.
 *
 * @example
 * ```ts
 * import { createInlineArtifactStore, type ArtifactStore } from '@driftwatch/registry';
 * const artifacts: ArtifactStore = createInlineArtifactStore();
 * const artifact = await artifacts.save({ flavor: 'constant', formatVersion: 1, data: { score: 0.27 } });
 * await artifacts.load(artifact); // { score: 0.27 }
 * ```
 */
export interface ArtifactStore {
  /** Stores the content; resolves with the artifact to record (inline `data`, or a `uri`), with its `sha256`. */
  save(content: ArtifactContent): Promise<ModelArtifact>;
  /** The artifact's data, after checking its SHA-256 when the artifact has one. */
  load(artifact: ModelArtifact): Promise<unknown>;
}
