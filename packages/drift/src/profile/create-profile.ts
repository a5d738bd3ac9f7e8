import type { DatasetProfile } from './dataset-profile.js';
import { ProfileBuilder } from './profile-builder.js';
import type { ProfileSpec } from './profile-spec.js';

/**
 * An empty profile of a spec: the identity of `mergeProfiles`.
 *
 * @example
 * ```ts
 * import { createProfile, createProfileSpec } from '@driftwatch/drift';
 * const empty = createProfile(createProfileSpec({ amount: [1, 2, 3] }));
 * empty.rowCount; // 0
 * ```
 */
export function createProfile(spec: ProfileSpec): DatasetProfile {
  return new ProfileBuilder({ spec }).toProfile();
}
