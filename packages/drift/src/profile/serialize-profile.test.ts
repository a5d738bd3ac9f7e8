import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProfile } from './create-profile.js';
import { createProfileSpec } from './create-profile-spec.js';
import { mergeProfiles } from './merge-profiles.js';
import { parseProfile } from './parse-profile.js';
import { parseProfileSpec } from './parse-profile-spec.js';
import { profileDataset } from './profile-dataset.js';
import { referenceRows, rows } from './profile.test-helper.js';
import { serializeProfile } from './serialize-profile.js';

const spec = createProfileSpec(referenceRows, { maxCategories: 6 });

function invalid(input: unknown, message: RegExp): void {
  expect(() => parseProfile(input as object)).toThrow(expect.objectContaining({ code: 'INVALID_PROFILE', message: expect.stringMatching(message) }));
}

describe('serializeProfile and parseProfile', () => {
  it('round-trip any profile to an equal one, with or without the embedded spec', () => {
    fc.assert(
      fc.property(fc.array(rows, { minLength: 1, maxLength: 3 }), (parts) => {
        const profile = mergeProfiles(...parts.map((part) => profileDataset(spec, part)));
        const text = serializeProfile(profile);
        expect(parseProfile(text)).toEqual(profile);
        expect(parseProfile(JSON.parse(text) as object)).toEqual(profile);
        expect(serializeProfile(parseProfile(text))).toBe(text);
        const parsed = parseProfile(serializeProfile(profile, { includeSpec: false }), { spec });
        expect(parsed).toEqual(profile);
        expect(parsed.spec).toBe(spec);
      }),
    );
  });

  it('writes compact JSON: a version, short keys and trimmed sketch stores', () => {
    const text = serializeProfile(profileDataset(spec, [{ x: 100, c: 'a' }, { x: 103, c: 'q' }, { x: null, c: null }]), {
      includeSpec: false,
    });
    const value = JSON.parse(text) as { v: number; columns: Array<Record<string, unknown>> };
    expect(value.v).toBe(1);
    expect(value.columns[0]).toMatchObject({ n: 2, m: 1, lo: 100, hi: 103, z: 0, sn: [] });
    expect((value.columns[0]!.sp as number[]).length).toBe(4); // [key, 1, step, 1]: two buckets
    expect(value.columns[1]).toEqual({ n: 2, m: 1, c: [1, 0, 0, 0], x: ['q'], xc: [1], o: 0 });
    expect(text.length).toBeLessThan(250);
  });

  it('writes null extrema for empty columns and reads them back', () => {
    const empty = createProfile(spec);
    expect(JSON.parse(serializeProfile(empty)).columns[0]).toMatchObject({ lo: null, hi: null });
    expect(parseProfile(serializeProfile(empty))).toEqual(empty);
  });

  it('rejects malformed input with INVALID_PROFILE and a message naming the field', () => {
    const good = JSON.parse(serializeProfile(profileDataset(spec, referenceRows))) as Record<string, any>;
    const edit = (change: (value: Record<string, any>) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return copy;
    };
    expect(() => parseProfile('{')).toThrow(expect.objectContaining({ code: 'INVALID_PROFILE', message: expect.stringMatching(/not JSON/) }));
    invalid([], /must be a JSON object/);
    invalid(edit((value) => (value.v = 2)), /v must be 1/);
    invalid(edit((value) => delete value.spec), /spec is absent/);
    invalid(edit((value) => (value.spec.columns[0].cuts[1] = 1e9)), /cuts must be strictly ascending/);
    invalid(edit((value) => (value.spec.columns[0].cuts[0] = -1e9)), /fingerprint .* the spec was altered/);
    invalid(edit((value) => (value.spec.relativeAccuracy = 2)), /relativeAccuracy/);
    invalid(edit((value) => (value.rows = -1)), /rows must be a non-negative integer/);
    invalid(edit((value) => value.columns.pop()), /columns must be an array of 2 columns/);
    invalid(edit((value) => (value.columns[0].n = 1.5)), /columns\[0\] \("x"\)\.n must be a non-negative integer/);
    invalid(edit((value) => (value.columns[0].h[0] += 1)), /\.h must add up to n/);
    invalid(edit((value) => value.columns[0].h.push(0)), /\.h must hold 10 counts/);
    invalid(edit((value) => (value.columns[0].sp[1] += 1)), /sketch counts must add up/);
    invalid(edit((value) => (value.columns[0].sp[2] = 0)), /sp\[2\] must be a key step, an integer ≥ 1/);
    invalid(edit((value) => value.columns[0].sp.pop()), /sp must be an array of \[key, count, keyStep, count, …\] pairs/);
    invalid(edit((value) => (value.columns[0].lo = 'low')), /lo\/hi must be finite numbers/);
    invalid(edit((value) => (value.columns[0].m2 = -1)), /m2 must be a finite number ≥ 0/);
    invalid(edit((value) => (value.columns[0].m += 1)), /n \+ m = .* but the profile has 201 rows/);
    invalid(edit((value) => ((value.columns[1].x = ['b']), (value.columns[1].xc = [1]))), /repeats the spec category "b"/);
    invalid(edit((value) => ((value.columns[1].x = ['z', 'y']), (value.columns[1].xc = [1, 1]))), /distinct and ordered by code point/);
    invalid(edit((value) => (value.columns[1].o = 3)), /c, xc and o must add up to n/);
  });

  it('rejects a profile paired with another spec', () => {
    const text = serializeProfile(createProfile(spec), { includeSpec: false });
    const other = createProfileSpec({ x: [1, 2, 3] });
    expect(() => parseProfile(text, { spec: other })).toThrow(expect.objectContaining({ code: 'INCOMPATIBLE_PROFILES' }));
    expect(() => parseProfile(serializeProfile(createProfile(spec)), { spec: other })).toThrow(
      expect.objectContaining({ code: 'INCOMPATIBLE_PROFILES' }),
    );
  });
});

describe('parseProfileSpec', () => {
  it('reads a stored spec into a frozen, checked copy that parseProfile then trusts', () => {
    const stored = JSON.stringify(spec);
    const parsed = parseProfileSpec(stored);
    expect(parsed).toEqual(spec);
    expect(Object.isFrozen(parsed) && Object.isFrozen(parsed.columns[0])).toBe(true);
    const text = serializeProfile(profileDataset(spec, referenceRows), { includeSpec: false });
    expect(parseProfile(text, { spec: parsed }).spec).toBe(parsed);
  });

  it('rejects altered or malformed specs with INVALID_PROFILE', () => {
    const altered = { ...JSON.parse(JSON.stringify(spec)), maxCategories: 7 };
    expect(() => parseProfileSpec(altered)).toThrow(expect.objectContaining({ code: 'INVALID_PROFILE', message: expect.stringMatching(/fingerprint/) }));
    expect(() => parseProfileSpec('nope')).toThrow(expect.objectContaining({ code: 'INVALID_PROFILE' }));
    expect(() => parseProfileSpec({ ...JSON.parse(JSON.stringify(spec)), columns: 3 })).toThrow(
      expect.objectContaining({ code: 'INVALID_PROFILE', message: expect.stringMatching(/spec\.columns must be an array/) }),
    );
  });
});
