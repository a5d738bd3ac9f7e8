/**
 * A number for alert titles and messages: three significant digits, thousands separated,
 * small and huge magnitudes in exponent form.
 *
 * @example
 * ```ts
 * import { formatNumber } from './format-number.js';
 * formatNumber(0.41234); // '0.412'
 * formatNumber(3600); // '3,600'
 * formatNumber(3.2e-12); // '3.2e-12'
 * ```
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e9)) return Number(value.toPrecision(3)).toExponential();
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/**
 * A share as a percentage with one decimal.
 *
 * @example
 * ```ts
 * import { formatPercent } from './format-number.js';
 * formatPercent(0.1234); // '12.3%'
 * ```
 */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
