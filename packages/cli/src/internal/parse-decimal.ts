/**
 * The finite number a text spells in decimal notation, or NaN. Surrounding whitespace is
 * allowed. `Number()` alone would also accept `0x1F`, `0b11` and `0o7`, which in a data file
 * are identifiers rather than quantities, and `Infinity`, which is not a usable measurement.
 */
export function parseDecimal(text: string): number {
  const number = Number(text);
  if (number - number !== 0) return Number.NaN;
  // Only a leading "0" followed by x, b or o can make Number() read a non-decimal radix.
  const start = text.charCodeAt(0) <= 32 ? text.length - text.trimStart().length : 0;
  if (text.charCodeAt(start) === 48) {
    const radix = text.charCodeAt(start + 1) | 0x20;
    if (radix === 120 || radix === 98 || radix === 111) return Number.NaN;
  }
  return number;
}
