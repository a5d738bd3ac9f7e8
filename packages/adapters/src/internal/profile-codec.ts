import { parseProfile, parseProfileSpec, serializeProfile, type DatasetProfile, type ProfileSpec } from '@driftwatch/drift';

/**
 * Stores profiles compactly: each profile is serialized without its spec, and each spec is kept
 * once, by fingerprint, in the specs table (a window profile's spec is its baseline's, so one
 * hour of minute-profiles for one model shares a single spec row).
 *
 * Fingerprints are content hashes, so a spec once read or written never changes and can be
 * cached for the life of the store. Parsing with the one cached spec object also lets the
 * parsed profiles share it.
 *
 * Parsed profiles are cached too, keyed by their stored text (which embeds the fingerprint), up
 * to a budget of text bytes: the Monitor re-reads the same hour of minute profiles every minute,
 * and validating a profile costs far more than fetching it. Cached profiles are deeply frozen,
 * because later reads share them.
 */
export class ProfileCodec {
  readonly #specs = new Map<string, ProfileSpec>();
  readonly #storedFingerprints = new Set<string>();
  readonly #parsed = new Map<string, DatasetProfile>();
  #parsedBytes = 0;

  constructor(private readonly cacheBytes: number) {}

  /** The text stored for a profile. */
  encode(profile: DatasetProfile): string {
    return serializeProfile(profile, { includeSpec: false });
  }

  /** Specs of these profiles not yet known to be stored, as rows for the specs table. */
  specRowsToStore(profiles: Iterable<DatasetProfile>): Array<{ fingerprint: string; spec: string }> {
    const rows = new Map<string, string>();
    for (const profile of profiles) {
      const fingerprint = profile.spec.fingerprint;
      if (this.#storedFingerprints.has(fingerprint) || rows.has(fingerprint)) continue;
      rows.set(fingerprint, JSON.stringify(profile.spec));
    }
    return [...rows].map(([fingerprint, spec]) => ({ fingerprint, spec }));
  }

  /** Records that these specs are now committed, so later writes skip them. */
  markStored(fingerprints: Iterable<string>): void {
    for (const fingerprint of fingerprints) this.#storedFingerprints.add(fingerprint);
  }

  /** Fingerprints among these that are not cached yet. */
  missingSpecs(fingerprints: Iterable<string>): string[] {
    const missing = new Set<string>();
    for (const fingerprint of fingerprints) if (!this.#specs.has(fingerprint)) missing.add(fingerprint);
    return [...missing];
  }

  /**
   * Caches specs read from the specs table. `parseProfileSpec` checks each one (the fingerprint
   * against the contents too) and freezes it, and `parseProfile` skips checking a spec it sealed.
   */
  addSpecRows(rows: ReadonlyArray<{ fingerprint: string; spec: string }>): void {
    for (const row of rows) {
      const spec = parseProfileSpec(row.spec);
      this.#specs.set(row.fingerprint, spec);
      this.#storedFingerprints.add(row.fingerprint);
    }
  }

  /**
   * Reads a stored profile back. `parseProfile` validates every field and that the spec's
   * fingerprint matches, and throws `INVALID_PROFILE` naming the first bad field.
   */
  decode(text: string, fingerprint: string): DatasetProfile {
    const cached = this.#parsed.get(text);
    if (cached !== undefined) {
      // Least recently used first: move it to the end.
      this.#parsed.delete(text);
      this.#parsed.set(text, cached);
      return cached;
    }
    const spec = this.#specs.get(fingerprint);
    const profile = parseProfile(text, spec === undefined ? {} : { spec });
    if (text.length > this.cacheBytes) return profile;
    deepFreeze(profile);
    this.#parsed.set(text, profile);
    this.#parsedBytes += text.length;
    for (const [key] of this.#parsed) {
      if (this.#parsedBytes <= this.cacheBytes) break;
      this.#parsed.delete(key);
      this.#parsedBytes -= key.length;
    }
    return profile;
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
