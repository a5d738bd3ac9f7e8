import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertRecord } from '@driftwatch/core';
import type { ChurnServiceConfig } from '../service/churn-service-config.js';
import type { ChurnServiceEvent } from '../service/churn-service-event.js';
import { createChurnService, type ChurnService } from '../service/create-churn-service.js';
import { createSimulatedClock } from '../service/simulated-clock.js';
import { simulationStartMillis } from '../scenarios/simulated-time.js';

/** A churn service on a fresh SQLite file in a temp directory, on an ephemeral port, on simulated time. */
export interface ChurnTestService {
  service: ChurnService;
  url: string;
  apiKey: string;
  events: ChurnServiceEvent[];
  /** Alerts the Monitor sent that were firing (first sends, repeats and escalations), in order. */
  firingAlerts(): AlertRecord[];
  close(): Promise<void>;
}

export const testApiKey = 'e2e-test-key';

/** Starts a {@link ChurnTestService}; `overrides` replace the service's defaults (monitor windows, retraining…). */
export async function startChurnTestService(overrides: Partial<Omit<ChurnServiceConfig, 'storage' | 'apiKeys' | 'simulatedClock'>> = {}): Promise<ChurnTestService> {
  const directory = mkdtempSync(join(tmpdir(), 'churn-e2e-'));
  const events: ChurnServiceEvent[] = [];
  const service = await createChurnService({
    training: { rowCount: 5000 },
    dashboard: false,
    flushIntervalMillis: 300_000,
    alertOutput: () => {},
    onError: () => {},
    ...overrides,
    storage: { kind: 'sqlite', filename: join(directory, 'churn.db') },
    apiKeys: [testApiKey],
    simulatedClock: createSimulatedClock({ startMillis: simulationStartMillis }),
    onEvent: (event) => {
      events.push(event);
      overrides.onEvent?.(event);
    },
  });
  const { url } = await service.listen({ port: 0 });
  return {
    service,
    url,
    apiKey: testApiKey,
    events,
    firingAlerts: () => events.flatMap((event) => (event.type === 'alert' && event.alert.status === 'firing' ? [event.alert] : [])),
    async close() {
      await service.shutdown();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The check kind of an alert, from its dedupe key (`churn/feature-drift/tenure` → `feature-drift`). */
export function alertKind(alert: AlertRecord): string {
  return alert.dedupeKey.split('/')[1] ?? '';
}
