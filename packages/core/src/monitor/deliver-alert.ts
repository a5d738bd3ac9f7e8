import type { AlertDeliveryResult, AlertSink } from '../contracts/alert-sink.js';
import type { Clock, TimerHandle } from '../contracts/clock.js';
import type { AlertDelivery, AlertRecord } from '../records/alert-record.js';

/** What {@link deliverAlert} needs besides the alert. */
export interface DeliverAlertOptions {
  sinks: readonly AlertSink[];
  clock: Clock;
  /** A sink that has not answered by then counts as a retryable failure. */
  timeoutMillis: number;
}

/**
 * Hands an alert to every sink at once and collects one delivery result per sink. Never
 * rejects: a sink that throws, rejects, returns something that is not a result, or does not
 * answer within `timeoutMillis` (timed on the injected clock) becomes a failed delivery. Each
 * sink gets its own copy of the alert, so one sink cannot change what another sends.
 *
 * @example
 * ```ts
 * import { systemClock } from '@driftwatch/core';
 * import { deliverAlert } from './deliver-alert.js';
 * declare const alert: import('@driftwatch/core').AlertRecord;
 * const deliveries = await deliverAlert(alert, { sinks: [], clock: systemClock, timeoutMillis: 10_000 });
 * ```
 */
export async function deliverAlert(alert: AlertRecord, options: DeliverAlertOptions): Promise<AlertDelivery[]> {
  return Promise.all(options.sinks.map((sink) => deliverToSink(sink, alert, options)));
}

async function deliverToSink(sink: AlertSink, alert: AlertRecord, options: DeliverAlertOptions): Promise<AlertDelivery> {
  let name = 'unnamed sink';
  let timer: TimerHandle | undefined;
  let result: AlertDeliveryResult;
  try {
    name = String(sink.name);
    const timeout = new Promise<AlertDeliveryResult>((resolve) => {
      timer = options.clock.setTimeout(
        () => resolve({ ok: false, attempts: 1, error: `No answer within ${options.timeoutMillis} ms.`, retryable: true }),
        options.timeoutMillis,
      );
    });
    const sending = Promise.resolve()
      .then(() => sink.send(structuredClone(alert)))
      .then(
        (answer): AlertDeliveryResult =>
          isDeliveryResult(answer) ? answer : { ok: false, attempts: 1, error: 'The sink returned something that is not a delivery result.', retryable: false },
        (error: unknown): AlertDeliveryResult => ({ ok: false, attempts: 1, error: `The sink threw: ${messageOf(error)}`, retryable: false }),
      );
    result = await Promise.race([sending, timeout]);
  } catch (error) {
    result = { ok: false, attempts: 1, error: `The sink threw: ${messageOf(error)}`, retryable: false };
  } finally {
    timer?.cancel();
  }
  return {
    sink: name,
    ok: result.ok,
    attempts: result.attempts,
    ...(result.statusCode === undefined ? {} : { statusCode: result.statusCode }),
    ...(result.error === undefined ? {} : { error: result.error }),
    at: new Date(options.clock.now()),
  };
}

function isDeliveryResult(value: unknown): value is AlertDeliveryResult {
  return typeof value === 'object' && value !== null && typeof (value as AlertDeliveryResult).ok === 'boolean' && typeof (value as AlertDeliveryResult).attempts === 'number';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
