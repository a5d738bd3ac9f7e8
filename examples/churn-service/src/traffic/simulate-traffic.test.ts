import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { createStableScenario } from '../scenarios/create-stable-scenario.js';
import { createSuddenDriftScenario } from '../scenarios/create-sudden-drift-scenario.js';
import { dayMillis, simulationStartMillis } from '../scenarios/simulated-time.js';
import { simulateTraffic, type SimulateTrafficConfig } from './simulate-traffic.js';
import type { TrafficOutcome, TrafficRequest } from './traffic-event.js';

const scenario = createStableScenario();
const week: SimulateTrafficConfig = { scenario, endMillis: simulationStartMillis + 7 * dayMillis, seed: 3 };

function split(config: SimulateTrafficConfig): { requests: TrafficRequest[]; outcomes: TrafficOutcome[]; order: number[] } {
  const requests: TrafficRequest[] = [];
  const outcomes: TrafficOutcome[] = [];
  const order: number[] = [];
  for (const event of simulateTraffic(config)) {
    order.push(event.timeMillis);
    if (event.kind === 'request') requests.push(event);
    else outcomes.push(event);
  }
  return { requests, outcomes, order };
}

describe('simulateTraffic', () => {
  const { requests, outcomes, order } = split(week);

  it('yields Poisson requests at the rate, in time order, keyed by customer id', () => {
    // 60 an hour for 168 hours: 10,080 expected, standard deviation about 100.
    expect(Math.abs(requests.length - 10_080)).toBeLessThan(400);
    expect(order).toEqual([...order].sort((left, right) => left - right));
    expect(requests.map((request) => request.requestIndex)).toEqual(requests.map((_, index) => index));
    for (const request of requests.slice(0, 100)) {
      expect(request.customerId).toBe(request.features.customerID);
      expect(request.features).not.toHaveProperty('Churn');
      expect(request.timeMillis).toBeGreaterThanOrEqual(simulationStartMillis);
    }
  });

  it('reports the outcomes of about 80 % of requests, 1 to 7 days later, none due after the end', () => {
    const byIndex = new Map(requests.map((request) => [request.requestIndex, request]));
    for (const outcome of outcomes) {
      const request = byIndex.get(outcome.requestIndex)!;
      expect(outcome.customerId).toBe(request.customerId);
      expect(outcome.requestTimeMillis).toBe(request.timeMillis);
      const delay = outcome.timeMillis - request.timeMillis;
      expect(delay).toBeGreaterThanOrEqual(dayMillis - 1);
      expect(delay).toBeLessThanOrEqual(7 * dayMillis);
      expect(outcome.timeMillis).toBeLessThan(week.endMillis);
    }
    const late = split({ ...week, includeLateOutcomes: true }).outcomes;
    expect(Math.abs(late.length / requests.length - 0.8)).toBeLessThan(0.02);
    expect(late.length).toBeGreaterThan(outcomes.length);
    const churnRate = late.filter((outcome) => outcome.label === 'Yes').length / late.length;
    expect(Math.abs(churnRate - 0.265)).toBeLessThan(0.02);
  });

  it('honours the outcome options', () => {
    const fast = split({ ...week, outcomeShare: 1, minimumOutcomeDelayMillis: 0, maximumOutcomeDelayMillis: 60_000, includeLateOutcomes: true });
    expect(fast.outcomes).toHaveLength(fast.requests.length);
    expect(fast.outcomes.every((outcome) => outcome.timeMillis - outcome.requestTimeMillis <= 60_000)).toBe(true);
    // Customers and arrivals come from their own random streams: outcome options leave them alone.
    expect(fast.requests).toEqual(requests);
  });

  it('is deterministic by seed', () => {
    expect(split(week).order).toEqual(order);
    expect(split({ ...week, seed: 4 }).requests.slice(0, 10)).not.toEqual(requests.slice(0, 10));
  });

  it('follows the scenario over time and works with for await', async () => {
    const sudden = createSuddenDriftScenario();
    const onset = sudden.onsetMillis!;
    let before = 0;
    let beforeMonthToMonth = 0;
    let after = 0;
    let afterMonthToMonth = 0;
    for await (const event of simulateTraffic({ scenario: sudden, startMillis: onset - dayMillis, endMillis: onset + dayMillis, requestsPerHour: 200 })) {
      if (event.kind !== 'request') continue;
      const monthToMonth = event.features.Contract === 'Month-to-month' ? 1 : 0;
      if (event.timeMillis < onset) [before, beforeMonthToMonth] = [before + 1, beforeMonthToMonth + monthToMonth];
      else [after, afterMonthToMonth] = [after + 1, afterMonthToMonth + monthToMonth];
    }
    expect(beforeMonthToMonth / before).toBeLessThan(0.6);
    expect(afterMonthToMonth / after).toBeGreaterThan(0.75);
  });

  it('refuses impossible configurations', () => {
    const attempt = (config: Partial<SimulateTrafficConfig>) => () => [...simulateTraffic({ ...week, ...config })];
    for (const config of [{ endMillis: simulationStartMillis }, { requestsPerHour: 0 }, { outcomeShare: 1.5 }, { minimumOutcomeDelayMillis: 10, maximumOutcomeDelayMillis: 5 }]) {
      expect(attempt(config)).toThrow(DriftwatchError);
    }
  });
});
