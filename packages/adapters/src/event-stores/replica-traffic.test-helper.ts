import type { PredictionInput } from '@driftwatch/core';

/** Start of the replicas' traffic: three whole minutes from here. */
export const trafficStart = Date.UTC(2026, 0, 5, 9, 0, 0);
export const trafficMinutes = 3;

const plans = ['basic', 'pro', 'team', 'enterprise'] as const;

/** A small deterministic generator (mulberry32), so the parent can rebuild what each child logged. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The predictions one replica logs: `count` of them spread over {@link trafficMinutes} minutes, in time order. */
export function replicaTraffic(replicaId: string, seed: number, count: number): PredictionInput[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, index): PredictionInput => {
    const score = random();
    const failed = random() < 0.02;
    return {
      id: `${replicaId}-${String(index).padStart(6, '0')}`,
      timestamp: new Date(trafficStart + Math.floor((index / count) * trafficMinutes * 60_000)),
      modelName: 'churn',
      modelVersion: '1',
      features: {
        tenure: Math.floor(random() * 72),
        monthlyCharges: 20 + random() * 100,
        totalCharges: random() < 0.01 ? null : random() * 8000,
        plan: plans[Math.floor(random() * plans.length)],
        paperless: random() < 0.6 ? 'Yes' : 'No',
      },
      prediction: failed ? {} : { score, label: score > 0.5 ? 'Yes' : 'No' },
      latencyMillis: 0.5 + random() * 40,
      ...(failed ? { status: 'error' as const, errorMessage: 'model failed' } : {}),
    };
  });
}

/** The reference the replicas' baseline is built from. */
export function baselineRows(): { rows: Array<Record<string, unknown>>; predictions: Array<{ score: number; label: string }> } {
  const traffic = replicaTraffic('baseline', 7, 2000);
  return {
    rows: traffic.map((input) => input.features),
    predictions: traffic.map((input) => {
      const score = input.prediction.score ?? 0.5;
      return { score, label: score > 0.5 ? 'Yes' : 'No' };
    }),
  };
}
