import { describe, expect, it } from 'vitest';
import type { LabelledTelcoCustomer } from '../data/telco-customer.js';
import { simulateTraffic } from '../traffic/simulate-traffic.js';
import { createSeasonalScenario } from './create-seasonal-scenario.js';
import { columnDrift, compareFeatures, driftedColumns } from './internal/feature-drift.test-helper.js';
import { dayMillis, simulationStartMillis } from './simulated-time.js';

describe('createSeasonalScenario', () => {
  const scenario = createSeasonalScenario();
  const weekMillis = 7 * dayMillis;
  // Two simulated weeks of traffic, with each request's hour; the labels ride along for the comparison.
  const requests: Array<{ timeMillis: number; row: LabelledTelcoCustomer }> = [];
  for (const event of simulateTraffic({ scenario, endMillis: simulationStartMillis + 2 * weekMillis, requestsPerHour: 40, seed: 5, outcomeShare: 0 })) {
    if (event.kind === 'request') requests.push({ timeMillis: event.timeMillis, row: { ...event.features, Churn: 'No' } });
  }
  const rowsWhere = (test: (timeMillis: number) => boolean) => requests.filter((request) => test(request.timeMillis)).map((request) => request.row);
  const hourOf = (timeMillis: number) => new Date(timeMillis).getUTCHours();

  it('cycles volume by hour and weekday, with no onset', () => {
    expect(scenario.onsetMillis).toBeUndefined();
    expect(scenario.requestRateFactor(Date.UTC(2024, 0, 1, 15))).toBeCloseTo(1.6, 10); // Monday, peak
    expect(scenario.requestRateFactor(Date.UTC(2024, 0, 1, 3))).toBeCloseTo(0.4, 10); // Monday, trough
    expect(scenario.requestRateFactor(Date.UTC(2024, 0, 6, 15))).toBeCloseTo(1.12, 10); // Saturday, peak
    const afternoon = rowsWhere((time) => hourOf(time) >= 12 && hourOf(time) < 18).length;
    const night = rowsWhere((time) => hourOf(time) < 6).length;
    expect(afternoon / night).toBeGreaterThan(2.5);
  });

  it('is not drift when the baseline covers a full week: week 2 against week 1 flags nothing', () => {
    const weekOne = rowsWhere((time) => time < simulationStartMillis + weekMillis);
    const weekTwo = rowsWhere((time) => time >= simulationStartMillis + weekMillis);
    expect(weekOne.length).toBeGreaterThan(5000);
    expect(driftedColumns(weekOne, weekTwo)).toEqual([]);
  });

  it('does look like drift to a baseline that misses part of the cycle (nights against afternoons)', () => {
    const nights = rowsWhere((time) => hourOf(time) < 6 && time < simulationStartMillis + weekMillis);
    const afternoons = rowsWhere((time) => hourOf(time) >= 12 && hourOf(time) < 18 && time >= simulationStartMillis + weekMillis);
    expect(columnDrift(compareFeatures(nights, afternoons), 'SeniorCitizen').drifted).toBe(true);
  });
});
