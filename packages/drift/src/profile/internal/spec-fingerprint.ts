import type { ColumnSpec } from '../profile-spec.js';

/** Format version of the fingerprinted layout; bump it when the counting rules change. */
const layoutVersion = 1;

/**
 * A 64-bit hash (hex) of the fields that decide how values are counted: accuracy, category cap
 * and, per column, name, kind and cuts or categories. Kind reasons are left out because they do
 * not change a single count. Used to refuse merging or comparing profiles of different layouts;
 * it guards against mistakes, not against forgery.
 */
export function specFingerprint(relativeAccuracy: number, maxCategories: number, columns: readonly ColumnSpec[]): string {
  const canonical = JSON.stringify([
    layoutVersion,
    relativeAccuracy,
    maxCategories,
    columns.map((column) => [column.name, column.kind, column.kind === 'numeric' ? column.cuts : column.categories]),
  ]);
  return hash64(canonical);
}

/** Two multiply–xorshift lanes over the UTF-16 code units, mixed at the end (in the style of cyrb53). */
function hash64(text: string): string {
  let first = 0xdeadbeef;
  let second = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    first = Math.imul(first ^ unit, 2654435761);
    second = Math.imul(second ^ unit, 1597334677);
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507) ^ Math.imul(second ^ (second >>> 13), 3266489909);
  second = Math.imul(second ^ (second >>> 16), 2246822507) ^ Math.imul(first ^ (first >>> 13), 3266489909);
  return (second >>> 0).toString(16).padStart(8, '0') + (first >>> 0).toString(16).padStart(8, '0');
}
