import type { ModelArtifact } from '@driftwatch/core';
import { canonicalJson } from '../internal/canonical-json.js';
import { sha256Hex } from '../internal/sha256-hex.js';
import type { ArtifactContent, ArtifactStore } from './artifact-store.js';
import { verifyInlineArtifact } from './verify-inline-artifact.js';

/**
 * The default {@link ArtifactStore}: the artifact's data stays inline in the version record, so it
 * lives in the registry's database with everything else. The recorded SHA-256 is that of the
 * data's canonical JSON (keys sorted), so a database that reorders keys (PostgreSQL `jsonb`) does
 * not break the check on load.
 *
 * @example
 * ```ts
 * import { createInlineArtifactStore } from '@driftwatch/registry';
 * const artifacts = createInlineArtifactStore();
 * const artifact = await artifacts.save({ flavor: 'constant', formatVersion: 1, data: { score: 0.27 } });
 * artifact.sha256; // 64 hex digits
 * ```
 */
export function createInlineArtifactStore(): ArtifactStore {
  return Object.freeze<ArtifactStore>({
    async save(content: ArtifactContent): Promise<ModelArtifact> {
      return {
        flavor: content.flavor,
        formatVersion: content.formatVersion,
        data: content.data,
        sha256: sha256Hex(canonicalJson(content.data)),
      };
    },
    async load(artifact: ModelArtifact): Promise<unknown> {
      return verifyInlineArtifact(artifact);
    },
  });
}
