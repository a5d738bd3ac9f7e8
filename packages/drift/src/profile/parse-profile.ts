import { DriftwatchError } from '../errors/driftwatch-error.js';
import type { CategoricalColumnProfile, ColumnProfile, DatasetProfile, NumericColumnProfile } from './dataset-profile.js';
import { checkCategoryNames, checkSpec, fail, isCount, isRecord, sealedSpecCopy } from './internal/profile-validation.js';
import type { CategoricalColumnSpec, NumericColumnSpec, ProfileSpec } from './profile-spec.js';
import type { SketchBuckets } from './quantile-sketch.js';

/**
 * Options for {@link parseProfile}.
 *
 * @example
 * ```ts
 * import { createProfile, createProfileSpec, parseProfile, serializeProfile, type ParseProfileOptions } from '@driftwatch/drift';
 * const spec = createProfileSpec({ x: [1, 2] });
 * const options: ParseProfileOptions = { spec };
 * parseProfile(serializeProfile(createProfile(spec), { includeSpec: false }), options);
 * ```
 */
export interface ParseProfileOptions {
  /**
   * The spec of a profile serialized without one (`includeSpec: false`). When the text embeds a
   * spec too, the two must have the same fingerprint. Passing the same spec object to every
   * parse also lets the parsed profiles share it.
   * @default undefined (the text must embed its spec)
   */
  spec?: ProfileSpec;
}

const invalid = 'INVALID_PROFILE';

/**
 * Reads a profile written by `serializeProfile`, from its JSON text or the parsed object, and
 * checks every field: the format version, the spec and its fingerprint, that counts are
 * non-negative integers that add up (`count + missing = rows`, histogram and sketch totals
 * equal `count`), and that category names are distinct and ordered. Throws `INVALID_PROFILE`
 * naming the first offending field, or `INCOMPATIBLE_PROFILES` when `options.spec` does not
 * match the profile.
 *
 * @example
 * ```ts
 * import { createProfileSpec, parseProfile, profileDataset, serializeProfile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ amount: [1, 2, 3] });
 * const text = serializeProfile(profileDataset(spec, { amount: [4] }), { includeSpec: false });
 * const profile = parseProfile(text, { spec });
 * ```
 */
export function parseProfile(input: string | object, options: ParseProfileOptions = {}): DatasetProfile {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch (error) {
      throw new DriftwatchError({ code: invalid, message: 'Invalid profile: the text is not JSON.', cause: error });
    }
  }
  if (!isRecord(root)) fail(invalid, 'the profile', 'must be a JSON object');
  if (root.v !== 1) fail(invalid, 'v', `must be 1, the only format version this package reads (got ${JSON.stringify(root.v)})`);
  if (typeof root.f !== 'string') fail(invalid, 'f', 'must be the spec fingerprint, a string');
  const spec = resolveSpec(root.spec, root.f, options.spec);
  const rowCount = root.rows;
  if (!isCount(rowCount)) fail(invalid, 'rows', 'must be a non-negative integer');
  const columns = root.columns;
  if (!Array.isArray(columns) || columns.length !== spec.columns.length) {
    fail(invalid, 'columns', `must be an array of ${spec.columns.length} columns, one per spec column`);
  }
  return {
    spec,
    rowCount,
    columns: spec.columns.map((column, index): ColumnProfile => {
      const path = `columns[${index}] ("${column.name}")`;
      const value: unknown = columns[index];
      if (!isRecord(value)) fail(invalid, path, 'must be an object');
      return column.kind === 'numeric'
        ? parseNumeric(value, column, spec.relativeAccuracy, rowCount, path)
        : parseCategorical(value, column, spec.maxCategories, rowCount, path);
    }),
  };
}

function resolveSpec(embedded: unknown, fingerprint: string, given: ProfileSpec | undefined): ProfileSpec {
  if (given !== undefined) checkSpec(given, 'INVALID_ARGUMENT', 'options.spec');
  if (embedded === undefined) {
    if (given === undefined) fail(invalid, 'spec', 'is absent; pass the spec it was serialized with as options.spec');
  } else {
    checkSpec(embedded, invalid);
  }
  const spec = given ?? sealedSpecCopy(embedded as ProfileSpec);
  if (fingerprint !== spec.fingerprint || (embedded !== undefined && (embedded as ProfileSpec).fingerprint !== spec.fingerprint)) {
    throw new DriftwatchError({
      code: 'INCOMPATIBLE_PROFILES',
      message: `The profile was built with spec ${fingerprint}, not with the given spec ${spec.fingerprint}.`,
      details: { expected: spec.fingerprint, actual: fingerprint },
    });
  }
  return spec;
}

function parseNumeric(
  value: Record<string, unknown>,
  column: NumericColumnSpec,
  relativeAccuracy: number,
  rowCount: number,
  path: string,
): NumericColumnProfile {
  const count = countField(value, 'n', path);
  const missing = countField(value, 'm', path);
  if (count + missing !== rowCount) fail(invalid, path, `has n + m = ${count + missing} but the profile has ${rowCount} rows`);
  const { lo, hi, mu, m2 } = value;
  let min = Infinity;
  let max = -Infinity;
  if (count === 0) {
    if (lo !== null || hi !== null) fail(invalid, `${path}.lo/hi`, 'must be null for a column without values');
    if (mu !== 0 || m2 !== 0) fail(invalid, `${path}.mu/m2`, 'must be 0 for a column without values');
  } else {
    if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      fail(invalid, `${path}.lo/hi`, 'must be finite numbers with lo ≤ hi');
    }
    min = lo + 0;
    max = hi + 0;
    if (typeof mu !== 'number' || !Number.isFinite(mu)) fail(invalid, `${path}.mu`, 'must be a finite number');
    if (typeof m2 !== 'number' || !(m2 >= 0) || m2 === Infinity) fail(invalid, `${path}.m2`, 'must be a finite number ≥ 0');
  }
  const histogram = countArray(value.h, `${path}.h`);
  if (histogram.length !== column.cuts.length + 1) {
    fail(invalid, `${path}.h`, `must hold ${column.cuts.length + 1} counts, one per bin of the spec's cuts`);
  }
  if (sum(histogram) !== count) fail(invalid, `${path}.h`, `must add up to n = ${count}`);
  const zeroCount = countField(value, 'z', path);
  const positive = unpackBuckets(value.sp, `${path}.sp`);
  const negative = unpackBuckets(value.sn, `${path}.sn`);
  if (zeroCount + sum(positive.counts) + sum(negative.counts) !== count) {
    fail(invalid, `${path}.z/sp/sn`, `sketch counts must add up to n = ${count}`);
  }
  return {
    kind: 'numeric',
    count,
    missing,
    min,
    max,
    mean: (mu as number) + 0,
    m2: m2 as number,
    histogram,
    sketch: { relativeAccuracy, zeroCount, positive, negative },
  };
}

function parseCategorical(
  value: Record<string, unknown>,
  column: CategoricalColumnSpec,
  maxCategories: number,
  rowCount: number,
  path: string,
): CategoricalColumnProfile {
  const count = countField(value, 'n', path);
  const missing = countField(value, 'm', path);
  if (count + missing !== rowCount) fail(invalid, path, `has n + m = ${count + missing} but the profile has ${rowCount} rows`);
  const counts = countArray(value.c, `${path}.c`);
  if (counts.length !== column.categories.length) {
    fail(invalid, `${path}.c`, `must hold ${column.categories.length} counts, one per spec category`);
  }
  const names = value.x;
  if (!Array.isArray(names)) fail(invalid, `${path}.x`, 'must be an array of category names');
  checkCategoryNames(names, invalid, `${path}.x`);
  const specCategories = new Set(column.categories);
  const repeated = names.find((name) => specCategories.has(name));
  if (repeated !== undefined) fail(invalid, `${path}.x`, `repeats the spec category "${repeated}"`);
  if (names.length > maxCategories - column.categories.length) {
    fail(invalid, `${path}.x`, `holds more names than maxCategories (${maxCategories}) leaves room for`);
  }
  const extraCounts = countArray(value.xc, `${path}.xc`);
  if (extraCounts.length !== names.length || extraCounts.some((extra) => extra === 0)) {
    fail(invalid, `${path}.xc`, 'must hold one positive count per name in x');
  }
  const other = countField(value, 'o', path);
  if (sum(counts) + sum(extraCounts) + other !== count) fail(invalid, path, `c, xc and o must add up to n = ${count}`);
  return { kind: 'categorical', count, missing, counts, extraCategories: [...names], extraCounts, other };
}

function countField(value: Record<string, unknown>, key: string, path: string): number {
  const count = value[key];
  if (!isCount(count)) fail(invalid, `${path}.${key}`, 'must be a non-negative integer');
  return count;
}

function countArray(value: unknown, path: string): number[] {
  if (!Array.isArray(value)) fail(invalid, path, 'must be an array of counts');
  for (let index = 0; index < value.length; index++) {
    if (!isCount(value[index])) fail(invalid, `${path}[${index}]`, 'must be a non-negative integer');
  }
  return [...(value as number[])];
}

function unpackBuckets(value: unknown, path: string): SketchBuckets {
  if (!Array.isArray(value) || value.length % 2 !== 0) fail(invalid, path, 'must be an array of [key, count, keyStep, count, …] pairs');
  const keys: number[] = [];
  const counts: number[] = [];
  let key = 0;
  for (let index = 0; index < value.length; index += 2) {
    const step: unknown = value[index];
    const count: unknown = value[index + 1];
    if (typeof step !== 'number' || !Number.isSafeInteger(step) || (index > 0 && step < 1)) {
      fail(invalid, `${path}[${index}]`, index === 0 ? 'must be an integer bucket key' : 'must be a key step, an integer ≥ 1');
    }
    if (!isCount(count) || count === 0) fail(invalid, `${path}[${index + 1}]`, 'must be a positive integer count');
    key = index === 0 ? step : key + step;
    if (!Number.isSafeInteger(key)) fail(invalid, `${path}[${index}]`, 'takes the bucket key out of the safe integer range');
    keys.push(key);
    counts.push(count);
  }
  return { keys, counts };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
