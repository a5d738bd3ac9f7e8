import { describe, expect, it } from 'vitest';
import { compareProfiles } from './compare-profiles.js';
import { createProfile } from './create-profile.js';
import { createProfileSpec } from './create-profile-spec.js';
import { profileDataset } from './profile-dataset.js';

const reference = {
  amount: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  plan: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'c'],
  note: [null, null, null, null, null, null, null, null, null, null],
};
const spec = createProfileSpec(reference);
const referenceProfile = profileDataset(spec, reference);

describe('compareProfiles', () => {
  it('skips all-missing columns with a reason and reports quality from counts', () => {
    const current = profileDataset(spec, { amount: [0, 5, 11, 12, null], plan: ['a', 'd', null, 'b', 'b'], note: [null, null, null, null, null] });
    const report = compareProfiles(referenceProfile, current);
    expect(report.skipped).toEqual([{ name: 'note', reason: 'no numeric values in the reference profile' }]);
    const [amount, plan] = report.columns;
    expect(amount!.quality).toEqual({ missingRateReference: 0, missingRateCurrent: 0.2, outOfRangeShare: 0.75, unseenCategories: [] });
    const cuts = spec.columns[0]!.kind === 'numeric' ? spec.columns[0]!.cuts : [];
    expect(amount!.distribution).toMatchObject({ kind: 'numeric', edges: [0, ...cuts, 12], currentCounts: [1, 0, 0, 0, 1, 0, 0, 0, 0, 2] });
    expect(plan!.quality).toMatchObject({ missingRateCurrent: 0.2, unseenCategories: ['d'] });
    expect(plan!.distribution).toEqual({ kind: 'categorical', categories: ['a', 'b', 'c', 'd'], referenceCounts: [5, 4, 1, 0], currentCounts: [1, 2, 0, 1] });
  });

  it('pools categories dropped by the cap into an (other) bin and says the test is approximate', () => {
    const capped = createProfileSpec({ plan: ['a', 'a', 'b'] }, { maxCategories: 3 });
    const report = compareProfiles(
      profileDataset(capped, { plan: ['a', 'a', 'b', 'x', 'y', 'z'] }),
      profileDataset(capped, { plan: ['a', 'b', 'b', 'w', 'y', 'y'] }),
    );
    const [plan] = report.columns;
    // Reference keeps x, drops y and z; current keeps w, drops y. x and w are ambiguous, so pooled.
    expect(plan!.distribution).toEqual({ kind: 'categorical', categories: ['a', 'b', '(other)'], referenceCounts: [2, 1, 3], currentCounts: [1, 2, 3] });
    expect(plan!.testReason).toMatch(/approximate: categories dropped by the cap of 3 are pooled/);
  });

  it('confirms declared kinds, skips contradicted ones and honours exclude', () => {
    const report = compareProfiles(referenceProfile, referenceProfile, { numeric: ['amount'], categorical: ['note'], exclude: ['plan', 'id'] });
    expect(report.columns.map((column) => [column.name, column.kindSource])).toEqual([['amount', 'declared']]);
    expect(report.skipped).toEqual([{ name: 'note', reason: 'declared categorical, but the profile spec counts it as numeric; rebuild the spec with this declaration' }]);
    expect(report.columns[0]).toMatchObject({ statistic: 0, pValue: 1, drifted: false, effect: 0 });
  });

  it('refuses profiles of different specs, empty profiles and unknown column names', () => {
    const other = profileDataset(createProfileSpec({ amount: [1, 2] }), { amount: [1, 2] });
    expect(() => compareProfiles(referenceProfile, other)).toThrow(expect.objectContaining({ code: 'INCOMPATIBLE_PROFILES' }));
    expect(() => compareProfiles(referenceProfile, createProfile(spec))).toThrow(expect.objectContaining({ code: 'EMPTY_SAMPLE' }));
    expect(() => compareProfiles(referenceProfile, referenceProfile, { numeric: ['nope'] })).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }));
    const onlyMissing = profileDataset(spec, { amount: [null], plan: [null], note: [null] });
    expect(() => compareProfiles(referenceProfile, onlyMissing)).toThrow(expect.objectContaining({ code: 'EMPTY_SAMPLE' }));
  });
});
