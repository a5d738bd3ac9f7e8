import { DriftwatchError } from '../errors/driftwatch-error.js';
import { checkSpec, sealedSpecCopy } from './internal/profile-validation.js';
import type { ProfileSpec } from './profile-spec.js';

/**
 * Reads a spec back from storage, from its JSON text (`JSON.stringify(spec)`) or the parsed
 * object: checks every field and that the fingerprint matches the contents, and returns a deeply
 * frozen copy. Pass that copy to every `parseProfile` of profiles stored without their spec: a
 * frozen, checked spec is not checked again, which matters when a monitor parses a day of
 * minute profiles. Throws `INVALID_PROFILE` naming the first offending field.
 *
 * @example
 * ```ts
 * import { createProfileSpec, parseProfileSpec } from '@driftwatch/drift';
 * const stored = JSON.stringify(createProfileSpec({ amount: [1, 2, 3] }));
 * const spec = parseProfileSpec(stored);
 * ```
 */
export function parseProfileSpec(input: string | object): ProfileSpec {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch (error) {
      throw new DriftwatchError({ code: 'INVALID_PROFILE', message: 'Invalid profile spec: the text is not JSON.', cause: error });
    }
  }
  checkSpec(root, 'INVALID_PROFILE');
  return sealedSpecCopy(root);
}
