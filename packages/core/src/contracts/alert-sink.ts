import type { AlertRecord } from '../records/alert-record.js';

/** What a sink reports back. A sink never throws: a failure is a result with `ok: false`. */
export interface AlertDeliveryResult {
  ok: boolean;
  attempts: number;
  statusCode?: number;
  error?: string;
  /** True when a later attempt might succeed (a timeout, a 5xx, a 429). */
  retryable?: boolean;
}

/**
 * Where alerts go: a webhook, Slack, email, the console. Implemented in `@driftwatch/adapters`
 * (`createWebhookAlertSink`, `createSlackAlertSink`, `createEmailAlertSink`, `createConsoleAlertSink`)
 * and by `createRecordingAlertSink` in `@driftwatch/core/testing`.
 *
 * `send` resolves with a result and never rejects; the Monitor stores the result with the alert.
 *
 * @example
 * ```ts
 * import type { AlertSink } from '@driftwatch/core';
 * const pager: AlertSink = {
 *   name: 'pager',
 *   async send(alert) {
 *     console.log(alert.severity, alert.title);
 *     return { ok: true, attempts: 1 };
 *   },
 *   async shutdown() {},
 * };
 * ```
 */
export interface AlertSink {
  /** Shown in delivery results and logs. */
  readonly name: string;
  send(alert: AlertRecord): Promise<AlertDeliveryResult>;
  /** Waits for deliveries in flight, then releases connections. Idempotent. */
  shutdown(): Promise<void>;
}
