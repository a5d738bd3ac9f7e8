import { setMaxListeners } from 'node:events';
import type { AlertDeliveryResult, Clock } from '@driftwatch/core';
import { describeError } from './describe-error.js';

/** The result every sink returns once `shutdown()` has been called. */
export const shutDownResult: Readonly<AlertDeliveryResult> = Object.freeze({
  ok: false,
  attempts: 0,
  error: 'shut down',
  retryable: false,
});

/** Options of {@link createDeliveryTracker}. */
export interface DeliveryTrackerOptions {
  shutdownTimeoutMillis: number;
  clock: Clock;
}

/**
 * The lifecycle every built-in sink shares: deliveries in flight, the never-reject guard, and a
 * bounded, idempotent shutdown.
 */
export interface DeliveryTracker {
  /**
   * Runs one delivery. `signal` aborts when shutdown gives up waiting; the delivery must then
   * settle promptly, so every wait on code we do not control goes through `raceWithAbort`.
   * Never rejects: an unexpected throw becomes a failed result.
   */
  run(deliver: (signal: AbortSignal) => Promise<AlertDeliveryResult>): Promise<AlertDeliveryResult>;
  /**
   * Stops accepting deliveries, waits up to `shutdownTimeoutMillis` for those in flight, aborts
   * the rest, then calls `release` once. Later calls return the first call's promise.
   */
  shutdown(release?: () => unknown): Promise<void>;
}

/** Creates a {@link DeliveryTracker}. */
export function createDeliveryTracker(options: DeliveryTrackerOptions): DeliveryTracker {
  const inFlight = new Set<Promise<AlertDeliveryResult>>();
  const abortController = new AbortController();
  // Every delivery in flight listens on this one signal; concurrent alerts are expected, not a leak.
  setMaxListeners(0, abortController.signal);
  let shutdownPromise: Promise<void> | undefined;

  function run(deliver: (signal: AbortSignal) => Promise<AlertDeliveryResult>): Promise<AlertDeliveryResult> {
    if (shutdownPromise !== undefined) return Promise.resolve({ ...shutDownResult });
    const delivery = (async () => {
      try {
        return await deliver(abortController.signal);
      } catch (error) {
        // Sinks catch their own failures; this is the last line that keeps the Monitor alive.
        return { ok: false, attempts: 1, error: `unexpected error: ${describeError(error)}`, retryable: false };
      }
    })();
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
    return delivery;
  }

  async function drainAndRelease(release: (() => unknown) | undefined): Promise<void> {
    if (inFlight.size > 0) {
      let timer: { cancel(): void } | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = options.clock.setTimeout(resolve, options.shutdownTimeoutMillis);
      });
      await Promise.race([Promise.allSettled([...inFlight]), deadline]);
      timer?.cancel();
      if (inFlight.size > 0) {
        abortController.abort();
        // Every wait inside a delivery is raced against the signal, so this settles promptly.
        await Promise.allSettled([...inFlight]);
      }
    }
    try {
      await release?.();
    } catch {
      // Closing a connection that already failed is not the host's problem; shutdown still succeeds.
    }
  }

  return {
    run,
    shutdown(release) {
      shutdownPromise ??= drainAndRelease(release);
      return shutdownPromise;
    },
  };
}
