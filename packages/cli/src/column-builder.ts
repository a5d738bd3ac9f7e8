import type { ColumnKind } from '@driftwatch/drift';
import type { BuiltColumn } from './built-column.js';
import { detachString } from './internal/detach-string.js';
import { growFloat64, growUint32, initialCapacity, trimmed } from './internal/growable-arrays.js';
import { isBlank } from './internal/is-blank.js';
import { parseDecimal } from './internal/parse-decimal.js';

/** Options for {@link createColumnBuilder}. */
export interface ColumnBuilderOptions {
  /** The column's name, from the CSV header or the JSON key. */
  name: string;
  /** Kind forced by `--numeric` or `--categorical`. When absent the kind is inferred from the values. @default undefined */
  declaredKind?: ColumnKind;
}

/**
 * Builds one column value by value without keeping row objects or source text.
 * See {@link createColumnBuilder} for the rules.
 */
export interface ColumnBuilder {
  readonly name: string;
  /** The kind so far. An inferred column starts numeric and may turn categorical once. */
  readonly kind: ColumnKind;
  /** Values appended so far, missing ones included. */
  readonly length: number;
  /** Appends a CSV field. Blank or whitespace-only text is missing. */
  appendText(text: string): void;
  /** Appends a JSON value: `null`/`undefined` and blank strings are missing, strings are categories, numbers are numbers. */
  appendValue(value: unknown): void;
  /** Appends a missing value. */
  appendMissing(): void;
  /** Appends missing values until the column has `length` values. */
  padTo(length: number): void;
  /** Makes room for `capacity` values in one allocation, when the row count can be estimated. */
  reserve(capacity: number): void;
  /** Trims the storage to the values appended and returns the column; the builder must not be used afterwards. */
  finish(): BuiltColumn;
}

/**
 * Creates a {@link ColumnBuilder}.
 *
 * Numeric columns grow a Float64Array (NaN for missing). Categorical columns intern each
 * distinct string once in a dictionary and grow a Uint32Array of codes, so a million rows with
 * three categories cost four megabytes, not a million strings. An inferred column stays numeric
 * while every non-blank value parses as a finite decimal number; at the first value that does not,
 * it turns categorical for good and the numbers seen so far are re-encoded as `String(n)` (the
 * source text is not kept, so `"1.50"` becomes `"1.5"`).
 *
 * @example
 * ```ts
 * import { createColumnBuilder } from '@driftwatch/cli';
 * const builder = createColumnBuilder({ name: 'TotalCharges' });
 * for (const text of ['29.85', ' ', '1889.5']) builder.appendText(text);
 * const column = builder.finish(); // numeric: [29.85, NaN, 1889.5], missingCount 1
 * ```
 */
export function createColumnBuilder(options: ColumnBuilderOptions): ColumnBuilder {
  return new GrowableColumn(options.name, options.declaredKind);
}

class GrowableColumn implements ColumnBuilder {
  readonly name: string;
  kind: ColumnKind;
  length = 0;
  private readonly declaredKind: ColumnKind | undefined;
  private numbers: Float64Array;
  private codes: Uint32Array;
  private readonly dictionary = new Map<string, number>();
  private readonly categories: string[] = [];
  private missingCount = 0;
  private invalidCount = 0;
  private firstNonNumeric: { row: number; value: string } | undefined;

  constructor(name: string, declaredKind: ColumnKind | undefined) {
    this.name = name;
    this.declaredKind = declaredKind;
    this.kind = declaredKind ?? 'numeric';
    this.numbers = this.kind === 'numeric' ? new Float64Array(initialCapacity) : new Float64Array(0);
    this.codes = this.kind === 'categorical' ? new Uint32Array(initialCapacity) : new Uint32Array(0);
  }

  appendText(text: string): void {
    if (isBlank(text)) {
      this.appendMissing();
      return;
    }
    if (this.kind === 'numeric') {
      const number = parseDecimal(text);
      if (number === number) {
        this.pushNumber(number);
        return;
      }
      if (this.declaredKind === 'numeric') {
        this.rejectNumber();
        return;
      }
      this.becomeCategorical(text);
    }
    this.pushCategory(text);
  }

  appendValue(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendMissing();
      return;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.appendMissing();
      else if (this.kind === 'numeric') this.pushNumber(value);
      else this.pushCategory(String(value));
      return;
    }
    if (typeof value === 'string') {
      if (isBlank(value)) {
        this.appendMissing();
        return;
      }
      if (this.declaredKind === 'numeric') {
        const number = parseDecimal(value);
        if (number === number) this.pushNumber(number);
        else this.rejectNumber();
        return;
      }
      // JSON says what is text: a quoted "94107" is a code, not a quantity, unless declared numeric.
      if (this.kind === 'numeric') this.becomeCategorical(value);
      this.pushCategory(value);
      return;
    }
    if (this.declaredKind === 'numeric') {
      this.rejectNumber();
      return;
    }
    const text = typeof value === 'boolean' ? String(value) : JSON.stringify(value);
    if (this.kind === 'numeric') this.becomeCategorical(text);
    this.pushCategory(text);
  }

  appendMissing(): void {
    this.missingCount++;
    if (this.kind === 'numeric') this.pushNumber(Number.NaN);
    else this.pushCode(0);
  }

  padTo(length: number): void {
    while (this.length < length) this.appendMissing();
  }

  reserve(capacity: number): void {
    if (this.kind === 'numeric' && capacity > this.numbers.length) this.numbers = growFloat64(this.numbers, capacity);
    if (this.kind === 'categorical' && capacity > this.codes.length) this.codes = growUint32(this.codes, capacity);
  }

  finish(): BuiltColumn {
    const common = {
      name: this.name,
      kindSource: this.declaredKind === undefined ? ('inferred' as const) : ('declared' as const),
      length: this.length,
      missingCount: this.missingCount,
      invalidCount: this.invalidCount,
      ...(this.firstNonNumeric === undefined ? {} : { firstNonNumeric: this.firstNonNumeric }),
    };
    if (this.kind === 'numeric') return { ...common, kind: 'numeric', values: trimmed(this.numbers, this.length) };
    return { ...common, kind: 'categorical', categories: this.categories, codes: trimmed(this.codes, this.length) };
  }

  private pushNumber(number: number): void {
    if (this.length === this.numbers.length) this.numbers = growFloat64(this.numbers, this.length + 1);
    this.numbers[this.length++] = number;
  }

  private pushCode(code: number): void {
    if (this.length === this.codes.length) this.codes = growUint32(this.codes, this.length + 1);
    this.codes[this.length++] = code;
  }

  private pushCategory(text: string): void {
    let code = this.dictionary.get(text);
    if (code === undefined) {
      // Kept for the life of the column, so it must not pin the chunk of text it was parsed from.
      const category = detachString(text);
      this.categories.push(category);
      code = this.categories.length;
      this.dictionary.set(category, code);
    }
    this.pushCode(code);
  }

  private rejectNumber(): void {
    this.invalidCount++;
    this.appendMissing();
  }

  /** Re-encodes the numbers seen so far as categories; called once, at the first non-numeric value. */
  private becomeCategorical(firstText: string): void {
    const numbers = this.numbers;
    const length = this.length;
    this.firstNonNumeric = { row: length + 1, value: detachString(firstText.length > 40 ? `${firstText.slice(0, 40)}…` : firstText) };
    this.kind = 'categorical';
    this.numbers = new Float64Array(0);
    this.codes = new Uint32Array(Math.max(numbers.length, initialCapacity));
    this.length = 0;
    for (let index = 0; index < length; index++) {
      const number = numbers[index]!;
      if (number === number) this.pushCategory(String(number));
      else this.pushCode(0);
    }
  }
}
