import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the scipy oracle lives: `../shared/fixtures/drift-golden.json`, beside the repository root
 * (this file is packages/drift/src/internal/).
 *
 * @example
 * ```ts
 * import { goldenFixturePath } from './golden-fixture.test-helper.js';
 * console.log(`reading ${goldenFixturePath}`);
 * ```
 */
export const goldenFixturePath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/fixtures/drift-golden.json',
);

/**
 * One case of the golden file. Typed loosely on purpose: each statistic's tests read the part of
 * `expected` they own, and the file's `definitions` header is the authority on what each field means.
 *
 * @example
 * ```ts
 * import type { GoldenCase } from './golden-fixture.test-helper.js';
 * const isNumeric = (goldenCase: GoldenCase) => goldenCase.kind === 'numeric';
 * ```
 */
export interface GoldenCase {
  readonly name: string;
  readonly kind: string;
  readonly note?: string;
  readonly reference: readonly unknown[];
  readonly current: readonly unknown[];
  readonly expected: Readonly<Record<string, any>>;
  readonly [field: string]: unknown;
}

/**
 * The whole parsed golden file. `cases` is `any[]` so that each suite can declare the slice of a
 * case it reads (`const cases: MyCase[] = fixture.cases`) without casts.
 *
 * @example
 * ```ts
 * import type { GoldenFixture } from './golden-fixture.test-helper.js';
 * const caseNames = (fixture: GoldenFixture): string[] => fixture.cases.map((goldenCase) => goldenCase.name);
 * ```
 */
export interface GoldenFixture {
  format?: string;
  generator?: string;
  definitions?: Record<string, unknown>;
  cases: any[];
  [field: string]: unknown;
}

let cached: GoldenFixture | undefined;

/**
 * Reads and parses the golden file once per process, or returns `undefined` when it is absent
 * (for example in a checkout without `../shared`), so suites can skip instead of fail.
 *
 * @example
 * ```ts
 * import { describe } from 'vitest';
 * import { loadGoldenFixture } from './internal/golden-fixture.test-helper.js';
 * const fixture = loadGoldenFixture();
 * describe.skipIf(!fixture)('psi golden (skipped: ../shared/fixtures/drift-golden.json not found)', () => {});
 * ```
 */
export function loadGoldenFixture(): GoldenFixture | undefined {
  if (cached) return cached;
  if (!existsSync(goldenFixturePath)) return undefined;
  cached = JSON.parse(readFileSync(goldenFixturePath, 'utf8')) as GoldenFixture;
  return cached;
}
