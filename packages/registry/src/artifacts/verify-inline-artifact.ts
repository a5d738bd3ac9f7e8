import { DriftwatchError, type ModelArtifact } from '@driftwatch/core';
import { canonicalJson } from '../internal/canonical-json.js';
import { sha256Hex } from '../internal/sha256-hex.js';

/**
 * The inline `data` of an artifact, after checking that the SHA-256 of its canonical JSON matches
 * `artifact.sha256` (when the artifact has one). Rejects with `VALIDATION_FAILED` on a mismatch and
 * `INVALID_ARGUMENT` when the artifact has no inline data.
 *
 * @example
 * ```ts
 * import { verifyInlineArtifact } from './verify-inline-artifact.js';
 * verifyInlineArtifact({ flavor: 'constant', formatVersion: 1, data: { score: 0.27 } }); // { score: 0.27 }
 * ```
 */
export function verifyInlineArtifact(artifact: ModelArtifact): unknown {
  if (artifact.data === undefined) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message:
        artifact.uri === undefined
          ? 'The artifact has neither inline data nor a uri.'
          : `The artifact is stored as a file (${artifact.uri}); load it through createFileArtifactStore({ directory }).`,
      details: { uri: artifact.uri },
    });
  }
  if (artifact.sha256 !== undefined) {
    const actual = sha256Hex(canonicalJson(artifact.data));
    if (actual !== artifact.sha256) throw digestMismatch(artifact.sha256, actual, 'inline data');
  }
  return artifact.data;
}

/**
 * The error for an artifact whose content does not match its recorded SHA-256.
 *
 * @example
 * ```ts
 * import { digestMismatch } from './verify-inline-artifact.js';
 * throw digestMismatch('ab…', 'cd…', 'file 1.json');
 * ```
 */
export function digestMismatch(expected: string, actual: string, where: string): DriftwatchError {
  return new DriftwatchError({
    code: 'VALIDATION_FAILED',
    message: `The artifact's ${where} has SHA-256 ${actual.slice(0, 12)}…, but ${expected.slice(0, 12)}… was recorded; it was changed or corrupted.`,
    details: { expected, actual, where },
  });
}
