/**
 * Decides whether a raw prediction is kept under `rawSampleRate`, from its id alone, so every
 * replica (and a retry of the same id) makes the same choice. FNV-1a over the id's UTF-16 code
 * units, finished with MurmurHash3's avalanche so that every bit of the id moves the top bits,
 * scaled to [0, 1).
 */
export function isSampledIn(id: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x100000000 < rate;
}
