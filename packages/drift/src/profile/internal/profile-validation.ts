import { DriftwatchError, type DriftwatchErrorCode } from '../../errors/driftwatch-error.js';
import { compareCodePoints } from '../../internal/categorical-sample.js';
import type { ColumnSpec, ProfileSpec } from '../profile-spec.js';
import { specFingerprint } from './spec-fingerprint.js';

/** Throws a {@link DriftwatchError} with `code` and a message that names the offending path. */
export function fail(code: DriftwatchErrorCode, path: string, problem: string): never {
  const prefix = code === 'INVALID_PROFILE' ? 'Invalid profile' : 'Invalid profile spec';
  throw new DriftwatchError({ code, message: `${prefix}: ${path} ${problem}.`, details: { path } });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer count, exact in a double. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Specs already checked and deeply frozen, so that they cannot have changed since. */
const checkedSpecs = new WeakSet<object>();

/**
 * Freezes a spec and everything in it, and remembers it as checked: a monitor passes the same
 * spec to every `parseProfile` and builder, and re-hashing 1,000 categories each time would
 * dominate parsing a day of minute profiles.
 */
export function sealSpec(spec: ProfileSpec): ProfileSpec {
  for (const column of spec.columns) {
    Object.freeze(column.kind === 'numeric' ? column.cuts : column.categories);
    Object.freeze(column);
  }
  Object.freeze(spec.columns);
  checkedSpecs.add(Object.freeze(spec));
  return spec;
}

/** A sealed copy of a checked spec, without any extra properties the JSON carried. */
export function sealedSpecCopy(spec: ProfileSpec): ProfileSpec {
  return sealSpec({
    relativeAccuracy: spec.relativeAccuracy,
    maxCategories: spec.maxCategories,
    columns: spec.columns.map((column) => {
      const common = { name: column.name, kindSource: column.kindSource, kindReason: column.kindReason };
      return column.kind === 'numeric'
        ? { ...common, kind: 'numeric', cuts: [...column.cuts] }
        : { ...common, kind: 'categorical', categories: [...column.categories] };
    }),
    fingerprint: spec.fingerprint,
  });
}

/**
 * Checks that a value is a well-formed {@link ProfileSpec} whose fingerprint matches its
 * contents, so that a spec edited by hand or read back from storage cannot silently merge
 * with profiles of another layout. Sealed specs pass without a second look.
 */
export function checkSpec(value: unknown, code: DriftwatchErrorCode, path = 'spec'): asserts value is ProfileSpec {
  if (typeof value === 'object' && value !== null && checkedSpecs.has(value)) return;
  if (!isRecord(value)) fail(code, path, 'must be an object');
  const { relativeAccuracy, maxCategories, columns, fingerprint } = value;
  if (typeof relativeAccuracy !== 'number' || !(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    fail(code, `${path}.relativeAccuracy`, 'must be a number in (0, 1)');
  }
  if (typeof maxCategories !== 'number' || !Number.isInteger(maxCategories) || maxCategories < 1) {
    fail(code, `${path}.maxCategories`, 'must be an integer ≥ 1');
  }
  if (!Array.isArray(columns)) fail(code, `${path}.columns`, 'must be an array');
  const names = new Set<string>();
  columns.forEach((column: unknown, index) => {
    const columnPath = `${path}.columns[${index}]`;
    checkColumnSpec(column, code, columnPath, maxCategories);
    if (names.has(column.name)) fail(code, `${columnPath}.name`, `repeats the column name "${column.name}"`);
    names.add(column.name);
  });
  if (typeof fingerprint !== 'string') fail(code, `${path}.fingerprint`, 'must be a string');
  const expected = specFingerprint(relativeAccuracy, maxCategories, columns as ColumnSpec[]);
  if (fingerprint !== expected) {
    fail(code, `${path}.fingerprint`, `is ${fingerprint} but the spec's contents hash to ${expected}; the spec was altered`);
  }
}

function checkColumnSpec(
  column: unknown,
  code: DriftwatchErrorCode,
  path: string,
  maxCategories: number,
): asserts column is ColumnSpec {
  if (!isRecord(column)) fail(code, path, 'must be an object');
  if (typeof column.name !== 'string') fail(code, `${path}.name`, 'must be a string');
  if (column.kindSource !== 'declared' && column.kindSource !== 'inferred') {
    fail(code, `${path}.kindSource`, "must be 'declared' or 'inferred'");
  }
  if (typeof column.kindReason !== 'string') fail(code, `${path}.kindReason`, 'must be a string');
  if (column.kind === 'numeric') {
    const cuts = column.cuts;
    if (!Array.isArray(cuts)) fail(code, `${path}.cuts`, 'must be an array');
    for (let index = 0; index < cuts.length; index++) {
      const cut: unknown = cuts[index];
      if (typeof cut !== 'number' || !Number.isFinite(cut)) fail(code, `${path}.cuts[${index}]`, 'must be a finite number');
      if (index > 0 && !(cut > (cuts[index - 1] as number))) fail(code, `${path}.cuts`, 'must be strictly ascending');
    }
  } else if (column.kind === 'categorical') {
    const categories = column.categories;
    if (!Array.isArray(categories)) fail(code, `${path}.categories`, 'must be an array');
    if (categories.length > maxCategories) fail(code, `${path}.categories`, `holds more than maxCategories (${maxCategories})`);
    checkCategoryNames(categories, code, `${path}.categories`);
  } else {
    fail(code, `${path}.kind`, "must be 'numeric' or 'categorical'");
  }
}

/** Non-empty strings, strictly ascending by code point (hence distinct). */
export function checkCategoryNames(names: unknown[], code: DriftwatchErrorCode, path: string): asserts names is string[] {
  for (let index = 0; index < names.length; index++) {
    const name = names[index];
    if (typeof name !== 'string' || name === '') fail(code, `${path}[${index}]`, 'must be a non-empty string');
    if (index > 0 && compareCodePoints(names[index - 1] as string, name) >= 0) {
      fail(code, path, 'must be distinct and ordered by code point');
    }
  }
}
