import type { AlertDeliveryResult, AlertSink } from '../contracts/alert-sink.js';
import type { AlertRecord } from '../records/alert-record.js';

/** How a {@link RecordingAlertSink} fails a delivery. */
export interface RecordingAlertSinkFailure {
  /** @default 'simulated failure' */
  error?: string;
  statusCode?: number;
  /** @default true */
  retryable?: boolean;
}

/**
 * When to fail: always with one failure, or decided per call (`attempt` counts the calls to
 * `send`, from 1). A function returning `undefined` lets that delivery succeed.
 */
export type RecordingAlertSinkFailWith =
  | RecordingAlertSinkFailure
  | ((alert: AlertRecord, attempt: number) => RecordingAlertSinkFailure | undefined);

/** Config for {@link createRecordingAlertSink}. */
export interface RecordingAlertSinkConfig {
  /** The sink's name in delivery results. @default 'recording' */
  name?: string;
  /** Simulated failures. @default undefined (every delivery succeeds) */
  failWith?: RecordingAlertSinkFailWith;
}

/** One call to {@link AlertSink.send} and what it returned. */
export interface RecordedAlertDelivery {
  alert: AlertRecord;
  result: AlertDeliveryResult;
}

/**
 * An {@link AlertSink} that keeps what it was sent, for assertions.
 *
 * @example
 * ```ts
 * import { createRecordingAlertSink, type RecordingAlertSink } from '@driftwatch/core/testing';
 * const sink: RecordingAlertSink = createRecordingAlertSink();
 * sink.setFailWith({ statusCode: 503 }); // the next deliveries fail
 * sink.setFailWith(undefined); // and succeed again
 * ```
 */
export interface RecordingAlertSink extends AlertSink {
  /** Alerts delivered successfully, in order. */
  readonly alerts: readonly AlertRecord[];
  /** Every call to `send`, failed ones included, in order. */
  readonly deliveries: readonly RecordedAlertDelivery[];
  /** True once `shutdown()` was called. */
  readonly isShutDown: boolean;
  /** Changes the simulated failures from now on; `undefined` makes deliveries succeed again. */
  setFailWith(failWith: RecordingAlertSinkFailWith | undefined): void;
  /** Forgets recorded alerts and deliveries (the attempt count too). */
  clear(): void;
}

/**
 * Creates an {@link AlertSink} that records alerts instead of sending them, and can simulate
 * failing deliveries. Like every sink it never rejects; after `shutdown()` (idempotent) each
 * `send` returns a non-retryable failure.
 *
 * @example
 * ```ts
 * import { createRecordingAlertSink } from '@driftwatch/core/testing';
 * const sink = createRecordingAlertSink({ failWith: (alert, attempt) => (attempt === 1 ? { statusCode: 503 } : undefined) });
 * // hand `sink` to the Monitor, then:
 * sink.alerts.length; // alerts delivered
 * sink.deliveries.filter((delivery) => !delivery.result.ok).length; // simulated failures
 * ```
 */
export function createRecordingAlertSink(config: RecordingAlertSinkConfig = {}): RecordingAlertSink {
  const name = config.name ?? 'recording';
  let failWith = config.failWith;
  let attempt = 0;
  let shutDown = false;
  const alerts: AlertRecord[] = [];
  const deliveries: RecordedAlertDelivery[] = [];

  return {
    name,
    get alerts() {
      return alerts;
    },
    get deliveries() {
      return deliveries;
    },
    get isShutDown() {
      return shutDown;
    },
    async send(alert) {
      attempt++;
      const recorded = structuredClone(alert);
      let result: AlertDeliveryResult;
      if (shutDown) {
        result = { ok: false, attempts: 1, error: `Alert sink ${name} is shut down.`, retryable: false };
      } else {
        let failure: RecordingAlertSinkFailure | undefined;
        try {
          failure = typeof failWith === 'function' ? failWith(recorded, attempt) : failWith;
        } catch (error) {
          // A throwing test callback becomes a failed delivery: sinks never reject.
          failure = { error: error instanceof Error ? error.message : String(error), retryable: false };
        }
        result =
          failure === undefined
            ? { ok: true, attempts: 1 }
            : {
                ok: false,
                attempts: 1,
                error: failure.error ?? 'simulated failure',
                retryable: failure.retryable ?? true,
                ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
              };
      }
      deliveries.push({ alert: recorded, result });
      if (result.ok) alerts.push(recorded);
      return result;
    },
    async shutdown() {
      shutDown = true;
    },
    setFailWith(next) {
      failWith = next;
    },
    clear() {
      alerts.length = 0;
      deliveries.length = 0;
      attempt = 0;
    },
  };
}
