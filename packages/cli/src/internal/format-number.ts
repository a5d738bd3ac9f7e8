/** Four significant digits, switching to exponent notation for very small or large magnitudes. */
export function formatStatistic(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

/** A p-value: three significant digits, exponent notation below 0.001, so tiny values stay distinguishable. */
export function formatPValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  if (value < 1e-3) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

/** A share in [0, 1] as a percentage with one decimal; a small non-zero share shows as `<0.1%`, never as `0.0%`. */
export function formatPercent(share: number): string {
  if (share > 0 && share < 0.0005) return '<0.1%';
  return `${(share * 100).toFixed(1)}%`;
}

/** An integer with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
