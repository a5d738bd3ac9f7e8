import type { AlertRecord, AlertSink } from '@driftwatch/core';

/**
 * An alert sink that hands each alert to a function: how the churn service turns the Monitor's
 * alerts into its own events. The listener runs inside a guard.
 *
 * @example
 * ```ts
 * const sink = createListenerAlertSink((alert) => console.log(alert.title));
 * ```
 */
export function createListenerAlertSink(listener: (alert: AlertRecord) => void): AlertSink {
  return {
    name: 'service-events',
    async send(alert) {
      try {
        listener(alert);
      } catch {
        // A failing listener is not a failed delivery.
      }
      return { ok: true, attempts: 1 };
    },
    async shutdown() {},
  };
}
