import type { ChurnServiceConfig } from '../service/churn-service-config.js';
import { dayMillis, hourMillis, simulationStartMillis } from '../scenarios/simulated-time.js';

/**
 * The simulated week the demo replays, and the service settings that make it fit in well under
 * a minute of real time. Volumes are chosen so that every hourly check window holds 150
 * requests on average (the alert policy grades drift from 100), the retrained model has about
 * 1,500 labelled rows, and both A/B arms pass 500 outcomes within a simulated day.
 *
 * @example
 * ```ts
 * const scenario = createDemoScenario({ onsetMillis: demoPlan.onsetMillis, requestRateFactor: demoPlan.requestRateFactor });
 * ```
 */
export const demoPlan = Object.freeze({
  startMillis: simulationStartMillis,
  /** Monday noon: half a day of quiet traffic first. */
  onsetMillis: simulationStartMillis + 12 * hourMillis,
  /**
   * The replay ends here. Promotion needs the A/B lead to hold three days (it comes on Saturday
   * afternoon on SQLite); the rest is margin for pg-boss, whose polling delays each hourly check.
   */
  endMillis: simulationStartMillis + 7 * dayMillis,
  requestsPerHour: 150,
  /**
   * Twice the volume for the hours around the shock (about 300 requests in the first window after
   * it, well above the 100 the policy needs to grade drift), full volume until the A/B test has its
   * samples (Wednesday noon), then a quarter: the three-day hold needs simulated time and hourly
   * evaluations, not many more requests.
   */
  requestRateFactor: (timeMillis: number) => {
    const onsetMillis = simulationStartMillis + 12 * hourMillis;
    if (timeMillis >= onsetMillis - hourMillis && timeMillis < onsetMillis + 2 * hourMillis) return 2;
    return timeMillis < simulationStartMillis + 60 * hourMillis ? 1 : 0.25;
  },
  maximumRequestRateFactor: 2,
  outcomeShare: 0.8,
  /** Churn outcomes are known within 1–12 simulated hours (real ones take weeks; the demo cannot wait that long). */
  minimumOutcomeDelayMillis: hourMillis,
  maximumOutcomeDelayMillis: 12 * hourMillis,
  seed: 7,
  concurrency: 8,
});

/**
 * The service settings of the demo; the defaults of {@link ChurnServiceConfig} otherwise.
 *
 * @example
 * ```ts
 * const service = await createChurnService({ ...demoServiceSettings, storage, apiKeys });
 * ```
 */
export const demoServiceSettings = Object.freeze({
  training: { rowCount: 5000, flavor: 'logistic', seed: 1 },
  monitor: {
    checkIntervalSeconds: 3600,
    windowSeconds: 3600,
    performanceWindowSeconds: 12 * 3600,
    // Page on the first breaching hour (N = 1 of 1): a sudden shift is reported at the first check
    // after it. Resolve after three clear hours, so that features hovering at a threshold do not flap.
    alerts: { hysteresis: { breachCount: 1, checkCount: 1, clearCount: 3 } },
  },
  retraining: {
    // A day of post-shock outcomes before retraining, and only that day for training.
    delaySeconds: 86_400,
    trainingWindowSeconds: 86_400,
    minimumTrainingRows: 500,
    flavor: 'logistic',
    challengerTrafficShare: 0.25,
    // The registry's defaults: 3-day hold, 500 outcomes per arm, 2-point lead, α = 0.05, 1-day probation.
    promotion: {},
  },
  profileWindowSeconds: 300,
  // Write the logged predictions every five simulated minutes (about a dozen at a time), not after each request.
  flushIntervalMillis: 300_000,
} satisfies Omit<ChurnServiceConfig, 'storage' | 'apiKeys'>);
