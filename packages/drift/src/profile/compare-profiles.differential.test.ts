import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countInBins } from '../binning.js';
import { chiSquaredTest } from '../chi-squared-test.js';
import { compareDatasets } from '../compare-datasets.js';
import { jensenShannon } from '../jensen-shannon.js';
import { ksTest } from '../ks-test.js';
import { psi } from '../psi.js';
import { wasserstein } from '../wasserstein.js';
import { compareProfiles } from './compare-profiles.js';
import { createProfileSpec } from './create-profile-spec.js';
import type { NumericColumnProfile } from './dataset-profile.js';
import { sketchKs, sketchWasserstein } from './internal/sketch-distances.js';
import { mergeProfiles } from './merge-profiles.js';
import { profileDataset } from './profile-dataset.js';
import { categoryNames, draws, normals } from './profile.test-helper.js';

const numericColumn = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }) },
    { weight: 4, arbitrary: fc.integer({ min: -5, max: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, Number.NaN) },
  ),
  { minLength: 1, maxLength: 150 },
);
const categoricalColumn = fc.array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom<string | null>(...categoryNames) }, { weight: 1, arbitrary: fc.constant(null) }), {
  minLength: 1,
  maxLength: 150,
});
/** Equal-length columns (as the dataset input requires), each with at least one usable value. */
const dataset = fc
  .record({ x: numericColumn, c: categoricalColumn })
  .map(({ x, c }) => {
    const length = Math.min(x.length, c.length);
    return { x: x.slice(0, length), c: c.slice(0, length) };
  })
  .filter(({ x, c }) => x.some((value) => typeof value === 'number' && Number.isFinite(value)) && c.some((value) => value !== null));

const declared = { categorical: ['c'] };

function finite(values: ReadonlyArray<number | null>): number[] {
  return values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

describe('compareProfiles against the raw data', () => {
  it('gives exactly the PSI, Jensen–Shannon and chi-squared of the raw samples on the same bins', () => {
    fc.assert(
      fc.property(dataset, dataset, (reference, current) => {
        const spec = createProfileSpec(reference, declared);
        const currentProfile = profileDataset(spec, current);
        const report = compareProfiles(profileDataset(spec, reference), currentProfile, declared);
        const [x, c] = report.columns;
        const cuts = psi(reference.x, current.x).bins;
        expect((currentProfile.columns[0] as NumericColumnProfile).histogram).toEqual(countInBins(cuts, current.x));
        expect(x!.effects.psi).toBe(psi(reference.x, current.x).value);
        expect(x!.effects.jensenShannon).toBe(jensenShannon(reference.x, current.x).value);
        expect(c!.effects.psi).toBe(psi(reference.c, current.c, { kind: 'categorical' }).value);
        expect(c!.effects.jensenShannon).toBe(jensenShannon(reference.c, current.c, { kind: 'categorical' }).value);
        const chiSquared = chiSquaredTest(reference.c, current.c);
        expect(c!.statistic).toBe(chiSquared.statistic);
        expect(c!.pValue).toBe(chiSquared.pValue);
        expect(c!.distribution).toMatchObject({ kind: 'categorical' });
      }),
    );
  });

  it('agrees with compareDatasets on every exact field and has the same shape', () => {
    fc.assert(
      fc.property(dataset, dataset, (reference, current) => {
        const spec = createProfileSpec(reference, declared);
        const fromProfiles = compareProfiles(profileDataset(spec, reference), profileDataset(spec, current), declared);
        const fromData = compareDatasets(reference, current, declared);
        expect(Object.keys(fromProfiles).sort()).toEqual(Object.keys(fromData).sort());
        expect(fromProfiles.rowCounts).toEqual(fromData.rowCounts);
        expect(fromProfiles.skipped).toEqual(fromData.skipped);
        fromData.columns.forEach((expected, index) => {
          const actual = fromProfiles.columns[index]!;
          expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
          expect(actual).toMatchObject({
            name: expected.name,
            kind: expected.kind,
            test: expected.test,
            referenceCount: expected.referenceCount,
            currentCount: expected.currentCount,
            effects: { psi: expected.effects.psi, jensenShannon: expected.effects.jensenShannon },
            quality: {
              missingRateReference: expected.quality.missingRateReference,
              missingRateCurrent: expected.quality.missingRateCurrent,
              unseenCategories: expected.quality.unseenCategories,
            },
          });
          if (expected.kind === 'categorical') {
            expect(actual).toMatchObject({ statistic: expected.statistic, pValue: expected.pValue, kindSource: 'declared' });
            expect(actual.testReason.startsWith(expected.testReason)).toBe(true);
          } else {
            // Out-of-range share from the sketch is a lower bound, exact at 0.
            expect(actual.quality.outOfRangeShare).toBeLessThanOrEqual(expected.quality.outOfRangeShare);
            if (expected.quality.outOfRangeShare === 0) expect(actual.quality.outOfRangeShare).toBe(0);
          }
        });
      }),
    );
  });

  it('brackets the exact KS statistic and bounds the Wasserstein error from the sketches', () => {
    fc.assert(
      fc.property(numericColumn, numericColumn, (referenceValues, currentValues) => {
        const reference = finite(referenceValues);
        const current = finite(currentValues);
        if (reference.length === 0 || current.length === 0) return;
        const spec = createProfileSpec({ x: reference });
        const left = profileDataset(spec, { x: reference }).columns[0] as NumericColumnProfile;
        const right = profileDataset(spec, { x: current }).columns[0] as NumericColumnProfile;
        const exact = ksTest(reference, current, { method: 'asymp' }).statistic;
        const bracket = sketchKs(left.sketch, right.sketch);
        expect(bracket.statistic).toBeLessThanOrEqual(exact + 1e-12);
        expect(bracket.upperBound).toBeGreaterThanOrEqual(exact - 1e-12);
        const meanMagnitude = (values: number[]) => values.reduce((sum, value) => sum + Math.abs(value), 0) / values.length;
        const bound = 0.01 * (meanMagnitude(reference) + meanMagnitude(current)) + 2e-9;
        const error = Math.abs(sketchWasserstein(left.sketch, right.sketch) - wasserstein(reference, current).value);
        expect(error).toBeLessThanOrEqual(bound * (1 + 1e-9));
      }),
    );
  });

  it('gives the exact D and the asymptotic KS p-value of scipy when no two distinct values share a bucket', () => {
    // Powers of 1.1 are 5 buckets apart at α = 1%, so the sketch's D is the exact D.
    const reference = Array.from({ length: 3000 }, (_, index) => 1.1 ** (index % 60));
    const current = Array.from({ length: 2000 }, (_, index) => 1.1 ** ((index % 60) + 3));
    const spec = createProfileSpec({ x: reference });
    const [column] = compareProfiles(profileDataset(spec, { x: reference }), profileDataset(spec, { x: current })).columns;
    const exact = ksTest(reference, current, { method: 'asymp' });
    expect(column!.statistic).toBe(exact.statistic);
    expect(exact.pValue).toBeLessThan(0.05);
    expect(column!.pValue).toBe(exact.pValue);
    expect(column!.testReason).toMatch(/approximate two-sample Kolmogorov–Smirnov on quantile sketches \(α = 1%\).*asymptotic p-value/);
  });

  it('detects a shift in a day of merged minute profiles as the raw data does', () => {
    const reference = { amount: normals(20_000, 1, 100, 15), plan: draws(20_000, 2, ['basic', 'pro', 'team'], [6, 3, 1]) };
    const spec = createProfileSpec(reference);
    const minutes = Array.from({ length: 1440 }, (_, minute) =>
      profileDataset(spec, { amount: normals(10, 10 + minute, 104, 15), plan: draws(10, 5000 + minute, ['basic', 'pro', 'team'], [4, 4, 2]) }),
    );
    const day = mergeProfiles(...minutes);
    const report = compareProfiles(profileDataset(spec, reference), day);
    const rawCurrent = { amount: [] as number[], plan: [] as string[] };
    for (let minute = 0; minute < 1440; minute++) {
      rawCurrent.amount.push(...normals(10, 10 + minute, 104, 15));
      rawCurrent.plan.push(...draws(10, 5000 + minute, ['basic', 'pro', 'team'], [4, 4, 2]));
    }
    const raw = compareDatasets(reference, rawCurrent);
    expect(report.columns.map((column) => column.drifted)).toEqual(raw.columns.map((column) => column.drifted));
    expect(report.columns[0]!.effects.psi).toBe(raw.columns[0]!.effects.psi);
    expect(Math.abs(report.columns[0]!.statistic - raw.columns[0]!.statistic)).toBeLessThan(0.01);
    expect(Math.abs(report.columns[0]!.effects.wasserstein! - raw.columns[0]!.effects.wasserstein!)).toBeLessThan(0.01 * 2 * 104);
    expect(report.columns[1]!.statistic).toBe(raw.columns[1]!.statistic);
  });
});
