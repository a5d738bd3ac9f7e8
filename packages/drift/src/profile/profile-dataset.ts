import type { DatasetInput } from '../internal/dataset-columns.js';
import type { DatasetProfile } from './dataset-profile.js';
import { ProfileBuilder } from './profile-builder.js';
import type { ProfileSpec } from './profile-spec.js';

/**
 * Profiles a batch of rows or columns with a spec. Columns outside the spec are ignored and
 * spec columns absent from the data count as missing.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset } from '@driftwatch/drift';
 * const reference = { amount: [10, 20, 30, 40], plan: ['basic', 'pro', 'pro', 'basic'] };
 * const spec = createProfileSpec(reference);
 * const referenceProfile = profileDataset(spec, reference);
 * const today = profileDataset(spec, [{ amount: 35, plan: 'pro' }, { amount: null, plan: 'team' }]);
 * ```
 */
export function profileDataset(spec: ProfileSpec, data: DatasetInput): DatasetProfile {
  const builder = new ProfileBuilder({ spec });
  builder.addDataset(data);
  return builder.toProfile();
}
