import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { createProfile } from './create-profile.js';
import { createProfileSpec } from './create-profile-spec.js';
import { mergeProfiles } from './merge-profiles.js';
import { profileDataset } from './profile-dataset.js';
import { expectEquivalentProfiles, referenceRows, rows } from './profile.test-helper.js';

// maxCategories 6 leaves room for 2 extra names beside the reference's 4, so the cap and the
// `other` bucket are exercised constantly.
const cappedSpec = createProfileSpec(referenceRows, { maxCategories: 6 });
const spec = createProfileSpec(referenceRows);
const specs = fc.constantFrom(cappedSpec, spec);

describe('mergeProfiles properties', () => {
  it('is commutative, bit for bit, for every field', () => {
    fc.assert(
      fc.property(specs, rows, rows, (chosen, left, right) => {
        const a = profileDataset(chosen, left);
        const b = profileDataset(chosen, right);
        expect(mergeProfiles(a, b)).toEqual(mergeProfiles(b, a));
      }),
    );
  });

  it('is associative: exactly for counts, histograms, sketches and categories; mean and m2 within 1e-9', () => {
    fc.assert(
      fc.property(specs, rows, rows, rows, (chosen, first, second, third) => {
        const [a, b, c] = [first, second, third].map((part) => profileDataset(chosen, part)) as [never, never, never];
        const leftFirst = mergeProfiles(mergeProfiles(a, b), c);
        const rightFirst = mergeProfiles(a, mergeProfiles(b, c));
        expectEquivalentProfiles(leftFirst, rightFirst);
        expectEquivalentProfiles(mergeProfiles(a, b, c), rightFirst);
      }),
    );
  });

  it('merging the profiles of parts gives the profile of the concatenated data', () => {
    fc.assert(
      fc.property(specs, fc.array(rows, { minLength: 1, maxLength: 6 }), (chosen, parts) => {
        const merged = mergeProfiles(...parts.map((part) => profileDataset(chosen, part)));
        expectEquivalentProfiles(merged, profileDataset(chosen, parts.flat()));
      }),
    );
  });

  it('has the empty profile as identity', () => {
    fc.assert(
      fc.property(specs, rows, (chosen, data) => {
        const profile = profileDataset(chosen, data);
        expect(mergeProfiles(profile, createProfile(chosen))).toEqual(profile);
        expect(mergeProfiles(createProfile(chosen), profile)).toEqual(profile);
        expect(mergeProfiles(profile)).toEqual(profile);
      }),
    );
  });
});

describe('mergeProfiles', () => {
  it('keeps the code-point-smallest extra categories and counts the rest as other', () => {
    const small = createProfileSpec({ plan: ['basic'] }, { maxCategories: 3 });
    const merged = mergeProfiles(
      profileDataset(small, { plan: ['zeta', 'zeta', 'beta', 'basic'] }),
      profileDataset(small, { plan: ['alpha', 'zeta', 'omega'] }),
    );
    expect(merged.columns[0]).toEqual({
      kind: 'categorical',
      count: 7,
      missing: 0,
      counts: [1],
      extraCategories: ['alpha', 'beta'],
      extraCounts: [1, 1],
      other: 4,
    });
  });

  it('refuses profiles of different specs', () => {
    const other = createProfileSpec({ x: [1, 2, 3] });
    const call = () => mergeProfiles(createProfile(spec), createProfile(other));
    expect(call).toThrow(DriftwatchError);
    expect(call).toThrow(expect.objectContaining({ code: 'INCOMPATIBLE_PROFILES' }));
    expect(() => mergeProfiles()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
