import type { DatasetProfile } from './dataset-profile.js';
import type { SerializedProfile } from './internal/serialized-profile.js';
import type { SketchBuckets } from './quantile-sketch.js';

/**
 * Options for {@link serializeProfile}.
 *
 * @example
 * ```ts
 * import { createProfile, createProfileSpec, serializeProfile, type SerializeProfileOptions } from '@driftwatch/drift';
 * const options: SerializeProfileOptions = { includeSpec: false };
 * serializeProfile(createProfile(createProfileSpec({ x: [1, 2] })), options);
 * ```
 */
export interface SerializeProfileOptions {
  /**
   * Embed the spec. Leave it out when many profiles of one spec are stored and the spec is
   * kept once elsewhere; `parseProfile` then needs it back through its `spec` option.
   * @default true
   */
  includeSpec?: boolean;
}

/**
 * Serializes a profile to compact JSON (format version `v: 1`) that `parseProfile` reads back
 * into an equal profile. Numbers keep their exact binary values.
 *
 * @example
 * ```ts
 * import { createProfileSpec, parseProfile, profileDataset, serializeProfile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ amount: [1, 2, 3] });
 * const text = serializeProfile(profileDataset(spec, { amount: [2, 5] }));
 * parseProfile(text).rowCount; // 2
 * ```
 */
export function serializeProfile(profile: DatasetProfile, options: SerializeProfileOptions = {}): string {
  const includeSpec = options.includeSpec ?? true;
  const spec = profile.spec;
  const serialized: SerializedProfile = {
    v: 1,
    f: spec.fingerprint,
    ...(includeSpec
      ? {
          spec: {
            relativeAccuracy: spec.relativeAccuracy,
            maxCategories: spec.maxCategories,
            columns: spec.columns.map((column) => {
              const common = { name: column.name, kindSource: column.kindSource, kindReason: column.kindReason };
              return column.kind === 'numeric'
                ? { ...common, kind: column.kind, cuts: column.cuts }
                : { ...common, kind: column.kind, categories: column.categories };
            }),
            fingerprint: spec.fingerprint,
          },
        }
      : {}),
    rows: profile.rowCount,
    columns: profile.columns.map((column) =>
      column.kind === 'numeric'
        ? {
            n: column.count,
            m: column.missing,
            lo: column.count === 0 ? null : column.min,
            hi: column.count === 0 ? null : column.max,
            mu: column.mean,
            m2: column.m2,
            h: column.histogram,
            z: column.sketch.zeroCount,
            sp: packBuckets(column.sketch.positive),
            sn: packBuckets(column.sketch.negative),
          }
        : {
            n: column.count,
            m: column.missing,
            c: column.counts,
            x: column.extraCategories,
            xc: column.extraCounts,
            o: column.other,
          },
    ),
  };
  return JSON.stringify(serialized);
}

/** `[key, count, keyStep, count, …]`: keys after the first as steps from the previous key. */
function packBuckets(buckets: SketchBuckets): number[] {
  const packed = new Array<number>(buckets.keys.length * 2);
  for (let index = 0; index < buckets.keys.length; index++) {
    packed[2 * index] = index === 0 ? buckets.keys[0]! : buckets.keys[index]! - buckets.keys[index - 1]!;
    packed[2 * index + 1] = buckets.counts[index]!;
  }
  return packed;
}
