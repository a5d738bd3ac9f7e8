import type { EventStore, OutcomeRecord, PredictionRecord, WindowProfileRecord } from '@driftwatch/core';
import { createProfileSpec, profileDataset } from '@driftwatch/drift';
import type { RegistryModelRouter } from '../router/create-model-router.js';

const latencySpec = createProfileSpec({ latencyMillis: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, { numeric: ['latencyMillis'] });

/** What a simulated model version does: its accuracy, and optionally its latency and failure rate. */
export interface SimulatedVersion {
  accuracy: number;
  latencyMillis?: number;
  errorRate?: number;
}

/**
 * Writes one hour of traffic ending at `endMillis`: `requestsPerHour` requests from random units,
 * each routed by the real router, predicted by the version it was routed to (correct with that
 * version's accuracy), and labelled at once. With latencies, one window profile per version too.
 */
export async function writeHourOfTraffic(options: {
  router: RegistryModelRouter;
  eventStore: EventStore;
  modelName: string;
  endMillis: number;
  requestsPerHour: number;
  random: () => number;
  versions: (modelVersion: string) => SimulatedVersion;
}): Promise<void> {
  const predictions: PredictionRecord[] = [];
  const outcomes: OutcomeRecord[] = [];
  const startMillis = options.endMillis - 3_600_000;
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  for (let index = 0; index < options.requestsPerHour; index++) {
    const decision = await options.router.route({ modelName: options.modelName, unitKey: `unit-${Math.floor(options.random() * 1e9)}` });
    const version = options.versions(decision.modelVersion);
    const timestamp = new Date(startMillis + Math.floor((index * 3_600_000) / options.requestsPerHour));
    const id = `${decision.modelVersion}-${timestamp.getTime()}-${index}`;
    const failed = options.random() < (version.errorRate ?? 0);
    const predictedYes = options.random() < 0.5;
    const correct = options.random() < version.accuracy;
    const actualYes = correct ? predictedYes : !predictedYes;
    const score = predictedYes ? 0.5 + 0.5 * options.random() : 0.5 * options.random();
    predictions.push({
      id,
      timestamp,
      modelName: options.modelName,
      modelVersion: decision.modelVersion,
      features: { tenure: Math.floor(options.random() * 72) },
      prediction: failed ? {} : { label: predictedYes ? 'Yes' : 'No', score },
      ...(failed ? { status: 'error' as const } : {}),
      latencyMillis: version.latencyMillis ?? 5,
    });
    if (!failed) outcomes.push({ predictionId: id, label: actualYes ? 'Yes' : 'No', timestamp });
    if (version.latencyMillis !== undefined) {
      const list = latencies.get(decision.modelVersion) ?? [];
      list.push(version.latencyMillis * (0.5 + options.random()));
      latencies.set(decision.modelVersion, list);
      if (failed) errors.set(decision.modelVersion, (errors.get(decision.modelVersion) ?? 0) + 1);
    }
  }
  await options.eventStore.writePredictions(predictions);
  await options.eventStore.writeOutcomes(outcomes);
  const windows: WindowProfileRecord[] = [...latencies].map(([modelVersion, values]) => {
    const latency = profileDataset(latencySpec, { latencyMillis: values });
    return {
      id: `sim-${modelVersion}-${startMillis}`,
      modelName: options.modelName,
      modelVersion,
      segment: '',
      windowStart: new Date(startMillis),
      windowSeconds: 3600,
      replicaId: 'simulation',
      requestCount: values.length,
      errorCount: errors.get(modelVersion) ?? 0,
      profile: latency,
      latency,
    };
  });
  await options.eventStore.writeWindowProfiles(windows);
}
