import type { WindowProfileRecord } from '../records/window-profile-record.js';
import type { VolumeMeasurement } from './check-measurement.js';

/**
 * Requests per minute and error rate of a window, summed from its window profiles' counts
 * (every profile counts, whatever its spec). The error rate is omitted when there were no
 * requests, since 0 / 0 says nothing.
 *
 * @example
 * ```ts
 * import { measureVolume } from './measure-volume.js';
 * measureVolume([], 3600).map((point) => [point.subject, point.value]); // [['requests-per-minute', 0]]
 * ```
 */
export function measureVolume(profiles: readonly WindowProfileRecord[], windowSeconds: number): VolumeMeasurement[] {
  let requestCount = 0;
  let errorCount = 0;
  for (const profile of profiles) {
    requestCount += profile.requestCount;
    errorCount += profile.errorCount;
  }
  const measurements: VolumeMeasurement[] = [
    { kind: 'volume', subject: 'requests-per-minute', value: requestCount / (windowSeconds / 60), requestCount, errorCount },
  ];
  if (requestCount > 0) {
    measurements.push({ kind: 'volume', subject: 'error-rate', value: errorCount / requestCount, requestCount, errorCount });
  }
  return measurements;
}
