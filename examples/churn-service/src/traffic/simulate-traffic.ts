import { createSeededRandom } from '../data/create-seeded-random.js';
import type { DriftScenario } from '../scenarios/drift-scenario.js';
import { hourMillis } from '../scenarios/simulated-time.js';
import { OutcomeQueue } from './internal/outcome-queue.js';
import { resolveTrafficConfig } from './internal/resolve-traffic-config.js';
import type { TrafficEvent } from './traffic-event.js';

/** Options for {@link simulateTraffic}. */
export interface SimulateTrafficConfig {
  /** What the customers and their outcomes look like over time. */
  scenario: DriftScenario;
  /**
   * Start of the simulated range (epoch milliseconds).
   * @default simulationStartMillis (Monday 1 January 2024, 00:00 UTC)
   */
  startMillis?: number;
  /** End of the simulated range (exclusive). */
  endMillis: number;
  /**
   * Mean requests per simulated hour at a request-rate factor of 1; arrivals are Poisson,
   * thinned by the scenario's `requestRateFactor`.
   * @default 60
   */
  requestsPerHour?: number;
  /**
   * Seed: the same config gives the same events.
   * @default 1
   */
  seed?: number;
  /**
   * Share of requests whose outcome is ever reported (the others stay unlabelled).
   * @default 0.8
   */
  outcomeShare?: number;
  /**
   * Shortest delay between a request and its outcome.
   * @default 1 day
   */
  minimumOutcomeDelayMillis?: number;
  /**
   * Longest delay between a request and its outcome; delays are uniform in between.
   * @default 7 days
   */
  maximumOutcomeDelayMillis?: number;
  /**
   * Also yield, after the range, the outcomes that fall due after `endMillis`.
   * @default false (they have not arrived yet when the simulation ends)
   */
  includeLateOutcomes?: boolean;
}

/**
 * Simulated traffic for a scenario over a range of simulated time: prediction requests
 * (features plus the customer id as unit key) as a Poisson process, and the ground-truth
 * outcomes of a share of them after a delay, all in time order. Pure and fast (a simulated
 * month at 60 requests per hour takes well under a second); drive a service in-process with
 * `for…of` or `for await…of`, or over HTTP with `sendTraffic`.
 *
 * Customers, arrival times and outcome delays come from separate random streams of the seed,
 * so changing `outcomeShare` does not change the customers.
 *
 * @example
 * ```ts
 * const scenario = createSuddenDriftScenario();
 * for (const event of simulateTraffic({ scenario, endMillis: scenario.onsetMillis! + 7 * dayMillis })) {
 *   if (event.kind === 'request') predictions.set(event.requestIndex, classifier.predictProba([event.features])[0]!);
 *   else outcomes.push({ requestIndex: event.requestIndex, label: event.label, timeMillis: event.timeMillis });
 * }
 * ```
 */
export function* simulateTraffic(config: SimulateTrafficConfig): Generator<TrafficEvent, void, undefined> {
  const {
    scenario,
    startMillis,
    endMillis,
    requestsPerHour,
    seed,
    outcomeShare,
    minimumOutcomeDelayMillis,
    maximumOutcomeDelayMillis,
    includeLateOutcomes,
  } = resolveTrafficConfig(config);

  const arrivals = createSeededRandom(seed, 1);
  const customers = createSeededRandom(seed, 2);
  const outcomes = createSeededRandom(seed, 3);
  const pending = new OutcomeQueue();
  const peakRatePerMillisecond = (requestsPerHour * scenario.maximumRequestRateFactor) / hourMillis;
  let requestIndex = 0;
  let clock = startMillis;
  for (;;) {
    clock += arrivals.exponential(peakRatePerMillisecond);
    if (clock >= endMillis) break;
    // Thinning: candidates at the peak rate, kept in proportion to the rate at their time.
    if (arrivals.next() * scenario.maximumRequestRateFactor >= scenario.requestRateFactor(clock)) continue;
    const timeMillis = Math.floor(clock);
    while ((pending.peekTimeMillis() ?? Number.POSITIVE_INFINITY) <= timeMillis) yield pending.pop()!;
    const { Churn: label, ...features } = scenario.sample(timeMillis, customers);
    const reported = outcomes.next() < outcomeShare;
    const delayMillis = minimumOutcomeDelayMillis + (maximumOutcomeDelayMillis - minimumOutcomeDelayMillis) * outcomes.next();
    if (reported) {
      pending.push({
        kind: 'outcome',
        timeMillis: Math.floor(timeMillis + delayMillis),
        requestIndex,
        requestTimeMillis: timeMillis,
        customerId: features.customerID,
        label,
      });
    }
    yield { kind: 'request', timeMillis, requestIndex, customerId: features.customerID, features };
    requestIndex++;
  }
  while (pending.size > 0 && (includeLateOutcomes || pending.peekTimeMillis()! < endMillis)) yield pending.pop()!;
}
