import type { AlertPolicyConfig, DriftwatchError } from '@driftwatch/core';
import type { ClassifierFlavor } from '@driftwatch/models';
import type { PromotionPolicyConfig } from '@driftwatch/registry';
import type { ChurnServiceEvent } from './churn-service-event.js';
import type { SimulatedClock } from './simulated-clock.js';

/**
 * Where the churn service keeps its events (predictions, outcomes, profiles, checks, alerts) and
 * its registry (versions, aliases, runs), and which job queue runs retraining.
 *
 * @example
 * ```ts
 * const storage: ChurnStorageConfig = process.env.DATABASE_URL
 *   ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
 *   : { kind: 'sqlite', filename: './churn.db' };
 * ```
 */
export type ChurnStorageConfig =
  /** One SQLite file for both stores; retraining jobs run in process (`createInProcessJobQueue`). */
  | { kind: 'sqlite'; filename: string }
  /** PostgreSQL for both stores, in `schema`; retraining jobs through pg-boss (`createPgBossJobQueue`) in the same database. */
  | { kind: 'postgres'; connectionString: string; schema?: string };

/**
 * Config of {@link createChurnService}. Only `storage` and `apiKeys` are required; the other
 * defaults suit a service on real time. The demo and the end-to-end tests shorten them for
 * simulated time.
 *
 * @example
 * ```ts
 * const config: ChurnServiceConfig = { storage: { kind: 'sqlite', filename: './churn.db' }, apiKeys: ['key-2025-06'] };
 * ```
 */
export interface ChurnServiceConfig {
  storage: ChurnStorageConfig;
  /** Keys accepted on `/predict`, `/outcomes`, `/metrics` and the dashboard (see `readChurnServiceEnvironment`). */
  apiKeys: readonly string[];
  /**
   * Alerts are also POSTed here (`createWebhookAlertSink`).
   * @default undefined (console only)
   */
  alertWebhookUrl?: string;
  /**
   * A simulated clock: the service then runs on it, and authenticated requests move it forward
   * with their `X-Simulated-Time` header. Without it the service runs on real time and ignores
   * that header.
   * @default undefined (systemClock)
   */
  simulatedClock?: SimulatedClock;
  /** The first champion, trained when the registry has none. */
  training?: {
    /** @default 5000 */
    rowCount?: number;
    /** @default 'logistic' */
    flavor?: ClassifierFlavor;
    /** @default 1 */
    seed?: number;
  };
  monitor?: {
    /** Checks run at every whole multiple of this. @default 3600 */
    checkIntervalSeconds?: number;
    /** The window a check compares with the baseline. @default 3600 */
    windowSeconds?: number;
    /** Predictions of this window whose outcomes the performance check reads. @default 86400 */
    performanceWindowSeconds?: number;
    /** @default { hysteresis: { breachCount: 1, checkCount: 1 } }: page on the first breaching check */
    alerts?: AlertPolicyConfig;
  };
  retraining?: {
    /** How long after a drift or performance alert retraining starts, so that outcomes of post-change traffic can arrive first. @default 86400 */
    delaySeconds?: number;
    /** How far back labelled predictions are read for training. @default 86400 */
    trainingWindowSeconds?: number;
    /** @default 500 */
    minimumTrainingRows?: number;
    /** @default 'logistic' */
    flavor?: ClassifierFlavor;
    /** The challenger's share of traffic during the A/B test. @default 0.1 */
    challengerTrafficShare?: number;
    /** @default the registry's defaults (3-day hold, 500 outcomes per arm, 2-point lead, α = 0.05) */
    promotion?: PromotionPolicyConfig;
  };
  /** Length of the prediction logger's window profiles. @default 300 */
  profileWindowSeconds?: number;
  /**
   * How often the prediction logger writes what it buffered, on the service clock. On simulated
   * time a real second can be a simulated hour, so replays set a simulated interval (the demo:
   * five simulated minutes) rather than writing after every request.
   * @default 1000
   */
  flushIntervalMillis?: number;
  /**
   * Mount the dashboard at `/driftwatch`.
   * @default true
   */
  dashboard?: boolean;
  /** Where the console alert sink writes. @default process.stdout */
  alertOutput?: (text: string) => unknown;
  /** Hears what the service does. Called inside a guard. @default nothing */
  onEvent?: (event: ChurnServiceEvent) => void;
  /** Hears monitoring, retraining and storage failures. @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
}
