/**
 * A number from a check result's `details`, or `null`.
 *
 * @example
 * ```ts
 * import { detailNumber } from './detail-number.js';
 * detailNumber({ pValue: 0.01 }, 'pValue'); // 0.01
 * ```
 */
export function detailNumber(details: Record<string, unknown>, key: string): number | null {
  const value = details[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
