import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DriftwatchError, type ModelArtifact } from '@driftwatch/core';
import { canonicalJson } from '../internal/canonical-json.js';
import { sha256Hex } from '../internal/sha256-hex.js';
import type { ArtifactContent, ArtifactStore } from './artifact-store.js';
import { digestMismatch, verifyInlineArtifact } from './verify-inline-artifact.js';

/**
 * Config for {@link createFileArtifactStore}.
 *
 * @example
 * ```ts
 * import type { FileArtifactStoreConfig } from '@driftwatch/registry';
 * const config: FileArtifactStoreConfig = { directory: '/var/lib/driftwatch/artifacts' };
 * ```
 */
export interface FileArtifactStoreConfig {
  /** The directory that holds the artifact files; created when missing. Share it (a volume, NFS) between workers. */
  directory: string;
}

const fileNamePattern = /^[0-9a-f]{64}\.json$/;

/**
 * An {@link ArtifactStore} that writes each artifact's canonical JSON to `<directory>/<sha256>.json`
 * and records only that file name (`uri`) and the digest, keeping large models out of the
 * database. Files are content-addressed, so saving the same model twice writes one file, and
 * written atomically (a temporary file, then a rename). `load` re-hashes the file's bytes and
 * rejects with `VALIDATION_FAILED` when they no longer match, `NOT_FOUND` when the file is gone.
 * Artifacts with inline data (registered before the switch to files) still load.
 *
 * @example
 * ```ts
 * import { createFileArtifactStore, createModelRegistry } from '@driftwatch/registry';
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const registry = createModelRegistry({
 *   store: createInMemoryRegistryStore(),
 *   artifactStore: createFileArtifactStore({ directory: './artifacts' }),
 * });
 * ```
 */
export function createFileArtifactStore(config: FileArtifactStoreConfig): ArtifactStore {
  if (typeof config?.directory !== 'string' || config.directory === '') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createFileArtifactStore needs a directory.' });
  }
  const settings = Object.freeze({ directory: config.directory });

  return Object.freeze<ArtifactStore>({
    async save(content: ArtifactContent): Promise<ModelArtifact> {
      const text = canonicalJson(content.data);
      const sha256 = sha256Hex(text);
      const fileName = `${sha256}.json`;
      const path = join(settings.directory, fileName);
      if (!(await exists(path))) {
        await mkdir(settings.directory, { recursive: true });
        const temporary = `${path}.${randomUUID()}.tmp`;
        try {
          await writeFile(temporary, text, 'utf8');
          await rename(temporary, path);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw new DriftwatchError({ code: 'STORE_FAILED', message: `Could not write artifact ${path}.`, cause: error, details: { path } });
        }
      }
      return { flavor: content.flavor, formatVersion: content.formatVersion, uri: fileName, sha256 };
    },

    async load(artifact: ModelArtifact): Promise<unknown> {
      if (artifact.data !== undefined || artifact.uri === undefined) return verifyInlineArtifact(artifact);
      if (!fileNamePattern.test(artifact.uri)) {
        throw new DriftwatchError({
          code: 'INVALID_ARGUMENT',
          message: `Artifact uri ${JSON.stringify(artifact.uri)} is not a file of this store (<sha256>.json).`,
          details: { uri: artifact.uri },
        });
      }
      const path = join(settings.directory, artifact.uri);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        throw new DriftwatchError({
          code: missing ? 'NOT_FOUND' : 'STORE_FAILED',
          message: missing ? `Artifact file ${path} does not exist.` : `Could not read artifact ${path}.`,
          cause: error,
          details: { path },
        });
      }
      const expected = artifact.sha256 ?? artifact.uri.slice(0, 64);
      const actual = sha256Hex(bytes);
      if (actual !== expected) throw digestMismatch(expected, actual, `file ${artifact.uri}`);
      return JSON.parse(bytes.toString('utf8')) as unknown;
    },
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
