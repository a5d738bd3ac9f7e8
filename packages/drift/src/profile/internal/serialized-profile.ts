import type { ProfileSpec } from '../profile-spec.js';

/**
 * The JSON wire format, version 1. Keys are short because a monitor stores one profile per
 * minute, model version, segment and replica. A sketch store is one flat array of pairs
 * `[key, count, keyStep, count, …]`: the first key, then each key as its step from the previous
 * one, which keeps the numbers short (`[]` when empty). Min and max are null while a column is empty.
 */
export interface SerializedProfile {
  v: 1;
  /** The spec's fingerprint, present even when the spec itself is left out. */
  f: string;
  spec?: ProfileSpec;
  rows: number;
  columns: Array<SerializedNumericColumn | SerializedCategoricalColumn>;
}

export interface SerializedNumericColumn {
  n: number;
  m: number;
  lo: number | null;
  hi: number | null;
  mu: number;
  m2: number;
  h: number[];
  z: number;
  sp: number[];
  sn: number[];
}

export interface SerializedCategoricalColumn {
  n: number;
  m: number;
  c: number[];
  x: string[];
  xc: number[];
  o: number;
}
