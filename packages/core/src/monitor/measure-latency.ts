import { sketchQuantile, type DatasetProfile } from '@driftwatch/drift';
import { latencyQuantileNames, type LatencyMeasurement } from './check-measurement.js';

const probabilities = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/**
 * p50, p95 and p99 latency of a window from its merged latency profile: the quantile sketch of
 * the `latencyMillis` column (or the profile's first numeric column), within the sketch's
 * relative accuracy (1 % by default). Returns nothing when the window logged no latency.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset } from '@driftwatch/drift';
 * import { measureLatency } from './measure-latency.js';
 * const spec = createProfileSpec({ latencyMillis: [1, 10, 100] });
 * measureLatency(profileDataset(spec, { latencyMillis: [5, 8, 12, 250] })).map((point) => point.subject); // ['p50', 'p95', 'p99']
 * ```
 */
export function measureLatency(latency: DatasetProfile): LatencyMeasurement[] {
  const index = latency.spec.columns.findIndex((column) => column.name === 'latencyMillis');
  const column = latency.columns[index >= 0 ? index : latency.columns.findIndex((candidate) => candidate.kind === 'numeric')];
  if (column === undefined || column.kind !== 'numeric' || column.count === 0) return [];
  return latencyQuantileNames.map((subject) => ({
    kind: 'latency' as const,
    subject,
    valueMillis: sketchQuantile(column.sketch, probabilities[subject]),
    count: column.count,
  }));
}
