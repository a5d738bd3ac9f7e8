// End to end, over HTTP: each scenario's traffic is replayed with sendTraffic against a real
// churn service (Express on an ephemeral port, SQLite in a temp directory, simulated clock), and
// the alerts the Monitor sent are checked. Volumes are kept small so that the file runs in well
// under a minute on a busy 2-core machine; each test says what it sends.
import { afterEach, describe, expect, it } from 'vitest';
import { createConceptDriftScenario } from '../scenarios/create-concept-drift-scenario.js';
import { createGradualDriftScenario } from '../scenarios/create-gradual-drift-scenario.js';
import { createStableScenario } from '../scenarios/create-stable-scenario.js';
import { createSuddenDriftScenario } from '../scenarios/create-sudden-drift-scenario.js';
import { dayMillis, hourMillis, simulationStartMillis } from '../scenarios/simulated-time.js';
import { sendTraffic, type SendTrafficConfig } from '../traffic/send-traffic.js';
import { alertKind, startChurnTestService, type ChurnTestService } from './start-churn-test-service.test-helper.js';

let running: ChurnTestService | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function replay(service: ChurnTestService, config: Omit<SendTrafficConfig, 'baseUrl' | 'apiKey'>) {
  const result = await sendTraffic({ baseUrl: service.url, apiKey: service.apiKey, sendOutcomeTimestamps: true, ...config });
  await service.service.settle();
  expect(result.failedRequests + result.failedOutcomes).toBe(0);
  return result;
}

const hours = (millis: number) => `${(millis / hourMillis).toFixed(1)} h`;

describe('churn service, end to end over HTTP', () => {
  it('raises no CRITICAL alert on stable traffic (1 simulated day, 150 requests/h, 80 % labelled)', async () => {
    running = await startChurnTestService({ monitor: { performanceWindowSeconds: 12 * 3600 } });
    const result = await replay(running, {
      scenario: createStableScenario(),
      startMillis: simulationStartMillis,
      endMillis: simulationStartMillis + dayMillis,
      requestsPerHour: 150,
      minimumOutcomeDelayMillis: hourMillis,
      maximumOutcomeDelayMillis: 12 * hourMillis,
      seed: 11,
    });
    const checks = running.events.filter((event) => event.type === 'check');
    const critical = running.firingAlerts().filter((alert) => alert.severity === 'CRITICAL');
    console.info(`[e2e none] ${result.predictions} predictions, ${result.outcomes} outcomes, ${checks.length} checks, ${running.firingAlerts().length} alerts, ${critical.length} CRITICAL`);
    // Hourly checks at 01:00 … 23:00 (the replay ends before midnight).
    expect(checks.length).toBe(23);
    expect(critical.map((alert) => alert.title)).toEqual([]);
  });

  it('detects sudden drift in the first check window after the onset (5 simulated hours, 300 requests/h)', async () => {
    const onsetMillis = simulationStartMillis + 3 * hourMillis;
    running = await startChurnTestService();
    await replay(running, {
      scenario: createSuddenDriftScenario({ onsetMillis }),
      startMillis: simulationStartMillis,
      endMillis: onsetMillis + 2 * hourMillis,
      requestsPerHour: 300,
      outcomeShare: 0,
      seed: 12,
    });
    const drift = running.firingAlerts().filter((alert) => alert.severity === 'CRITICAL' && alertKind(alert) === 'feature-drift');
    expect(drift.length).toBeGreaterThan(0);
    expect(running.firingAlerts().filter((alert) => alert.createdAt.getTime() <= onsetMillis)).toEqual([]);
    const delayMillis = drift[0]!.createdAt.getTime() - onsetMillis;
    console.info(`[e2e sudden] first CRITICAL ${drift[0]!.title} ${hours(delayMillis)} after the onset`);
    // Checks run on the hour over the hour before it: the first window after an onset on the hour is [onset, onset + 1 h).
    expect(delayMillis).toBe(hourMillis);
  });

  it('detects gradual drift before day 10 of the 30-day ramp (daily window checked every 6 h; 11 simulated days, 25 requests/h)', async () => {
    const onsetMillis = simulationStartMillis + dayMillis;
    running = await startChurnTestService({ monitor: { windowSeconds: 86_400, checkIntervalSeconds: 6 * 3600 } });
    await replay(running, {
      scenario: createGradualDriftScenario({ onsetMillis }),
      startMillis: simulationStartMillis,
      endMillis: onsetMillis + 10 * dayMillis,
      requestsPerHour: 25,
      outcomeShare: 0,
      seed: 13,
    });
    const drift = running.firingAlerts().filter((alert) => alertKind(alert) === 'feature-drift');
    expect(drift.length).toBeGreaterThan(0);
    const first = drift[0]!;
    const delayMillis = first.createdAt.getTime() - onsetMillis;
    console.info(`[e2e gradual] first ${first.title} on day ${(delayMillis / dayMillis).toFixed(2)} of the ramp`);
    expect(delayMillis).toBeGreaterThan(0);
    expect(delayMillis).toBeLessThan(10 * dayMillis);
  });

  it('detects concept drift through performance once labels arrive (2.5 simulated days, 80 requests/h, outcomes 1–12 h later)', async () => {
    const onsetMillis = simulationStartMillis + 12 * hourMillis;
    running = await startChurnTestService({ monitor: { performanceWindowSeconds: 12 * 3600 } });
    await replay(running, {
      scenario: createConceptDriftScenario({ onsetMillis }),
      startMillis: simulationStartMillis,
      endMillis: onsetMillis + 2 * dayMillis,
      requestsPerHour: 80,
      minimumOutcomeDelayMillis: hourMillis,
      maximumOutcomeDelayMillis: 12 * hourMillis,
      seed: 14,
    });
    const alerts = running.firingAlerts();
    const performance = alerts.filter((alert) => alertKind(alert) === 'performance');
    expect(performance.length).toBeGreaterThan(0);
    const first = performance[0]!;
    const delayMillis = first.createdAt.getTime() - onsetMillis;
    console.info(`[e2e concept] first ${first.title} ${hours(delayMillis)} after the onset (${first.message.split('\n')[0]})`);
    // Outcomes come at least an hour after their prediction: performance cannot move before that.
    expect(delayMillis).toBeGreaterThan(hourMillis);
    expect(delayMillis).toBeLessThan(2 * dayMillis);
    // The features do not change: no CRITICAL feature or prediction drift.
    expect(alerts.filter((alert) => alert.severity === 'CRITICAL' && alertKind(alert).endsWith('drift')).map((alert) => alert.title)).toEqual([]);
  });
});
