import { createProfileSpec, profileDataset, type DatasetProfile, type ProfileSpec } from '@driftwatch/drift';
import { createBaseline } from '../baseline/create-baseline.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import type { FeatureSpec } from '../records/feature-spec.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';
import { createPredictionId } from '../records/create-prediction-id.js';

/** Test fixtures: seeded traffic for a churn model, its baseline, and window profiles built against the baseline's spec. */

export const modelName = 'churn';
export const startMillis = Date.UTC(2026, 0, 1);
export const minuteMillis = 60_000;
export const contracts = ['Month-to-month', 'One year', 'Two year'] as const;

export const features: FeatureSpec = {
  tenure: { kind: 'numeric', range: [0, 72] },
  monthlyCharges: { kind: 'numeric' },
  Contract: { kind: 'categorical', categories: [...contracts] },
};

/** mulberry32: a small seeded generator, so every test sees the same traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** How generated traffic departs from the training distribution. */
export interface TrafficShift {
  /** Added to tenure's mean (training mean 30, sd 12). @default 0 */
  tenure?: number;
  /** Share of Contract values replaced by 'Month-to-month'. @default 0 */
  contractToMonthly?: number;
  /** Share of tenure values made missing. @default 0 */
  tenureMissing?: number;
  /** Share of Contract values set to a category never seen. @default 0 */
  unseenContract?: number;
}

export interface TrafficRow {
  tenure: number | null;
  monthlyCharges: number;
  Contract: string;
  'prediction.score': number;
  'prediction.label': string;
}

export function traffic(count: number, random: () => number, shift: TrafficShift = {}): TrafficRow[] {
  const rows: TrafficRow[] = [];
  for (let index = 0; index < count; index++) {
    const tenure = Math.min(72, Math.max(0, 30 + (shift.tenure ?? 0) + 12 * normal(random)));
    let contract: string = contracts[Math.floor(random() * contracts.length)]!;
    if (random() < (shift.contractToMonthly ?? 0)) contract = 'Month-to-month';
    if (random() < (shift.unseenContract ?? 0)) contract = 'Weekly';
    const score = Math.min(1, Math.max(0, 0.3 + 0.15 * normal(random)));
    rows.push({
      tenure: random() < (shift.tenureMissing ?? 0) ? null : Math.round(tenure),
      monthlyCharges: 20 + 80 * random(),
      Contract: contract,
      'prediction.score': score,
      'prediction.label': score > 0.5 ? 'Yes' : 'No',
    });
  }
  return rows;
}

export function makeBaseline(options: { seed?: number; count?: number; metrics?: Record<string, number> } = {}): BaselineRecord {
  const rows = traffic(options.count ?? 5000, seededRandom(options.seed ?? 1));
  return createBaseline({
    modelName,
    version: '1',
    data: rows.map(({ tenure, monthlyCharges, Contract }) => ({ tenure, monthlyCharges, Contract })),
    predictions: rows.map((row) => ({ score: row['prediction.score'], label: row['prediction.label'] })),
    features,
    metrics: options.metrics ?? { accuracy: 0.9 },
    clock: { now: () => startMillis, setTimeout: () => ({ cancel() {} }), setInterval: () => ({ cancel() {} }) },
  });
}

let latencySpec: ProfileSpec | undefined;

/** The latency layout the tests use; fixed reference values, like the prediction logger's. */
export function testLatencySpec(): ProfileSpec {
  latencySpec ??= createProfileSpec({ latencyMillis: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, { numeric: ['latencyMillis'] });
  return latencySpec;
}

export interface WindowOptions {
  baseline: BaselineRecord;
  windowStartMillis: number;
  rows: readonly TrafficRow[];
  /** One latency per row, in milliseconds. @default 10 ms each */
  latenciesMillis?: readonly number[];
  errorCount?: number;
  replicaId?: string;
  windowSeconds?: number;
}

/** A window profile as the prediction logger writes it, built with `profileDataset` against the baseline's spec. */
export function windowProfile(options: WindowOptions): WindowProfileRecord {
  const profile: DatasetProfile = profileDataset(options.baseline.profile.spec, options.rows as unknown as Array<Record<string, unknown>>);
  const latencies = options.latenciesMillis ?? options.rows.map(() => 10);
  const errorCount = options.errorCount ?? 0;
  return {
    id: createPredictionId(),
    modelName,
    modelVersion: '1',
    segment: '',
    windowStart: new Date(options.windowStartMillis),
    windowSeconds: options.windowSeconds ?? 60,
    replicaId: options.replicaId ?? 'replica-1',
    requestCount: options.rows.length + errorCount,
    errorCount,
    profile,
    latency: profileDataset(testLatencySpec(), { latencyMillis: [...latencies] }),
  };
}
