/**
 * Reads a cell of a numeric column. A blank or non-numeric string, `null`, `undefined`, `NaN`
 * and infinities all count as missing and come back as `NaN`.
 *
 * @example
 * ```ts
 * numericValue(' 29.85 '); // 29.85
 * numericValue(' ');       // NaN (missing)
 * ```
 */
export function numericValue(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return Number.NaN;
    const parsed = Number(trimmed);
    return Number.isFinite(parsed) ? parsed : Number.NaN;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return Number.NaN;
}

/** True when a cell holds no value at all: `null`, `undefined`, `NaN` or a blank string. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return typeof value === 'string' && value.trim() === '';
}

/** True when a non-blank cell reads as a finite number (a number or a numeric string). */
export function isNumericCell(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'bigint') return true;
  if (typeof value === 'string') return Number.isFinite(Number(value.trim()));
  return false;
}

/** The category a cell belongs to, or `undefined` when it is missing. */
export function categoryKey(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  return typeof value === 'string' ? value : String(value);
}
