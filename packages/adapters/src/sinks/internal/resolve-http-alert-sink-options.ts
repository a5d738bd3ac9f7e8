import { systemClock, type Clock } from '@driftwatch/core';
import type { HttpAlertSinkOptions } from '../http-alert-sink-options.js';
import {
  assertFunction,
  assertNonNegativeNumber,
  assertPositiveInteger,
  assertPositiveNumber,
} from './assert-config.js';

/** {@link HttpAlertSinkOptions} with every default applied. */
export interface ResolvedHttpAlertSinkOptions {
  readonly timeoutMillis: number;
  readonly maxAttempts: number;
  readonly initialBackoffMillis: number;
  readonly maxBackoffMillis: number;
  readonly shutdownTimeoutMillis: number;
  readonly fetch: typeof globalThis.fetch;
  readonly sleep: (delayMillis: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly clock: Clock;
}

/**
 * The one place the shared HTTP defaults are applied (see docs/important-defaults.md).
 * Throws a `DriftwatchError` with code `INVALID_ARGUMENT` for an invalid option.
 */
export function resolveHttpAlertSinkOptions(
  sinkLabel: string,
  options: HttpAlertSinkOptions,
): ResolvedHttpAlertSinkOptions {
  const resolved: ResolvedHttpAlertSinkOptions = {
    timeoutMillis: options.timeoutMillis ?? 10_000,
    maxAttempts: options.maxAttempts ?? 4,
    initialBackoffMillis: options.initialBackoffMillis ?? 500,
    maxBackoffMillis: options.maxBackoffMillis ?? 30_000,
    shutdownTimeoutMillis: options.shutdownTimeoutMillis ?? 5_000,
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? sleepKeepingProcessAlive,
    random: options.random ?? Math.random,
    clock: options.clock ?? systemClock,
  };
  assertPositiveNumber(sinkLabel, 'timeoutMillis', resolved.timeoutMillis);
  assertPositiveInteger(sinkLabel, 'maxAttempts', resolved.maxAttempts);
  assertNonNegativeNumber(sinkLabel, 'initialBackoffMillis', resolved.initialBackoffMillis);
  assertNonNegativeNumber(sinkLabel, 'maxBackoffMillis', resolved.maxBackoffMillis);
  assertNonNegativeNumber(sinkLabel, 'shutdownTimeoutMillis', resolved.shutdownTimeoutMillis);
  assertFunction(sinkLabel, 'fetch', resolved.fetch);
  assertFunction(sinkLabel, 'sleep', resolved.sleep);
  assertFunction(sinkLabel, 'random', resolved.random);
  return Object.freeze(resolved);
}

/**
 * Unlike `systemClock` timers this one is not `unref`'d: a script that awaits `send()` must not
 * exit silently in the middle of a backoff. Shutdown aborts the signal, which clears the timer.
 */
function sleepKeepingProcessAlive(delayMillis: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, delayMillis);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
