import { describe, expect, it } from 'vitest';
import { createProfileSpec } from './create-profile-spec.js';
import type { CategoricalColumnProfile, NumericColumnProfile } from './dataset-profile.js';
import { ProfileBuilder } from './profile-builder.js';
import { profileDataset } from './profile-dataset.js';

const reference = { amount: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], plan: ['basic', 'pro', 'basic', 'team', 'basic', 'pro', 'basic', 'pro', 'basic', 'team'] };
const spec = createProfileSpec(reference);

describe('profileDataset', () => {
  it('summarises numeric and categorical columns', () => {
    const profile = profileDataset(spec, { amount: [2, 4, null, 12], plan: ['pro', 'enterprise', null, 'basic'] });
    expect(profile.rowCount).toBe(4);
    const amount = profile.columns[0] as NumericColumnProfile;
    expect(amount).toMatchObject({ kind: 'numeric', count: 3, missing: 1, min: 2, max: 12, mean: 6, m2: 56 });
    expect(amount.histogram).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 1]); // cuts 1.9, 2.8, 3.7, …, 9.1: bin = cuts below
    expect(profile.columns[1]).toEqual({
      kind: 'categorical',
      count: 3,
      missing: 1,
      counts: [1, 1, 0],
      extraCategories: ['enterprise'],
      extraCounts: [1],
      other: 0,
    });
  });

  it('counts null, undefined, NaN, ±Infinity, blanks, objects and absent keys as missing without throwing', () => {
    const junk = [null, undefined, Number.NaN, Infinity, -Infinity, '', '  ', 'n/a', {}, [], true, Symbol('s'), () => 1];
    const profile = profileDataset(spec, [...junk.map((value) => ({ amount: value, plan: value })), {}]);
    const amount = profile.columns[0] as NumericColumnProfile;
    const plan = profile.columns[1] as CategoricalColumnProfile;
    expect(amount).toMatchObject({ count: 0, missing: junk.length + 1, min: Infinity, max: -Infinity, mean: 0, m2: 0 });
    // As in compareDatasets, text, booleans and ±Infinity are categories; the rest is missing.
    expect(plan).toMatchObject({ count: 5, missing: junk.length + 1 - 5, extraCategories: ['  ', '-Infinity', 'Infinity', 'n/a', 'true'] });
  });

  it('parses numeric text in numeric columns and stringifies numbers in categorical ones', () => {
    const profile = profileDataset(spec, { amount: ['2.5', ' 7 ', 'x'], plan: [1, 'basic', false] });
    expect(profile.columns[0]).toMatchObject({ count: 2, missing: 1, min: 2.5, max: 7 });
    expect(profile.columns[1]).toMatchObject({ count: 3, extraCategories: ['1', 'false'] });
  });

  it('gives the same profile from rows, columns, typed arrays, addRow and addValues', () => {
    const amount = Float64Array.of(3, Number.NaN, 8.5, -1);
    const plan = ['pro', null, 'basic', 'new'];
    const rows = Array.from(amount, (value, index) => ({ amount: value, plan: plan[index] }));
    const fromColumns = profileDataset(spec, { amount, plan });
    expect(profileDataset(spec, rows)).toEqual(fromColumns);
    expect(profileDataset(spec, { amount: Array.from(amount), plan })).toEqual(fromColumns);
    const builder = new ProfileBuilder({ spec });
    builder.addRow(rows[0]!);
    builder.addRow(rows[1]!);
    builder.addValues([rows[2]!.amount, rows[2]!.plan]);
    builder.addValues([rows[3]!.amount, rows[3]!.plan]);
    expect(builder.toProfile()).toEqual(fromColumns);
  });

  it('treats spec columns absent from the data as missing and ignores extra columns', () => {
    const profile = profileDataset(spec, { amount: [1, 2], other: ['x', 'y'] });
    expect(profile.columns[1]).toMatchObject({ count: 0, missing: 2 });
    expect(profile.columns).toHaveLength(2);
  });

  it('rejects rows that are not objects and specs that were altered', () => {
    expect(() => profileDataset(spec, [null as never])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const altered = { ...spec, maxCategories: 5 };
    expect(() => new ProfileBuilder({ spec: altered })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('ProfileBuilder', () => {
  it('snapshots without sharing state and resets to empty', () => {
    const builder = new ProfileBuilder({ spec });
    builder.addRow({ amount: 5, plan: 'pro' });
    const first = builder.toProfile();
    builder.addRow({ amount: 500, plan: 'pro' });
    expect(first.columns[0]).toMatchObject({ count: 1, max: 5 });
    expect(builder.rowCount).toBe(2);
    builder.reset();
    expect(builder.toProfile()).toEqual(profileDataset(spec, []));
    builder.addRow({ amount: -3, plan: 'team' });
    expect(builder.toProfile()).toEqual(profileDataset(spec, [{ amount: -3, plan: 'team' }]));
  });

  it('replaces the code-point-largest extra category when a smaller one arrives at the cap', () => {
    const capped = createProfileSpec({ plan: ['basic'] }, { maxCategories: 3 });
    const builder = new ProfileBuilder({ spec: capped });
    for (const plan of ['m', 'z', 'z', 'q', 'a', 'z', 'b', 'm']) builder.addRow({ plan });
    expect(builder.toProfile().columns[0]).toMatchObject({ count: 8, extraCategories: ['a', 'b'], extraCounts: [1, 1], other: 6 });
  });
});
