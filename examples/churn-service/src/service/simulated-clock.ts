import type { Clock, TimerHandle } from '@driftwatch/core';

/** Options for {@link createSimulatedClock}. */
export interface SimulatedClockConfig {
  /** Where simulated time starts, in epoch milliseconds. */
  startMillis: number;
  /**
   * Most timer firings in one {@link SimulatedClock.advanceTo}; the rest wait for the next move.
   * Stops a timeout that keeps rescheduling itself at zero delay from spinning forever.
   * @default 10000
   */
  maxFiringsPerAdvance?: number;
}

/**
 * Core's {@link Clock} on simulated time, for replaying days of traffic in seconds. Time moves
 * only forward, when {@link SimulatedClock.advanceTo} is called (the churn service calls it with
 * each request's `X-Simulated-Time`), or with real time after {@link SimulatedClock.followRealTime}.
 *
 * Timers fire in due order while the clock moves, and `now()` reads each timer's due time while
 * its callback runs, so an hourly check sees its exact hour. An interval that fell due several
 * times during one move fires once, as a real interval does behind a busy event loop: a logger's
 * one-second flush tick fires once per request, not 3,600 times per simulated hour.
 *
 * @example
 * ```ts
 * const clock = createSimulatedClock({ startMillis: Date.UTC(2024, 0, 1) });
 * clock.setTimeout(() => console.log(new Date(clock.now()).toISOString()), 3_600_000);
 * clock.advanceTo(Date.UTC(2024, 0, 2)); // 2024-01-01T01:00:00.000Z
 * ```
 */
export interface SimulatedClock extends Clock {
  /** Moves simulated time to `millis` (never backwards), firing the timers that fall due. */
  advanceTo(millis: number): void;
  /**
   * From now on, simulated time also moves with real time: every `tickMillis` of real time it
   * advances by the real time elapsed. Returns a function that stops following. Used once a
   * replay is over, so the service's schedules carry on. The real timer is `unref`'d.
   */
  followRealTime(options?: { tickMillis?: number }): () => void;
  /** Timers not yet fired or cancelled. */
  readonly pendingTimerCount: number;
}

interface SimulatedTimer {
  dueMillis: number;
  sequence: number;
  callback: () => void;
  intervalMillis: number | undefined;
}

/**
 * Creates a {@link SimulatedClock}.
 *
 * @example
 * ```ts
 * const clock = createSimulatedClock({ startMillis: simulationStartMillis });
 * const logger = createPredictionLogger({ store, clock });
 * ```
 */
export function createSimulatedClock(config: SimulatedClockConfig): SimulatedClock {
  const maxFirings = config.maxFiringsPerAdvance ?? 10_000;
  let nowMillis = config.startMillis;
  let nextSequence = 0;
  const timers = new Set<SimulatedTimer>();
  let advancing = false;
  let pendingTargetMillis: number | undefined;

  function schedule(callback: () => void, delayMillis: number, intervalMillis: number | undefined): TimerHandle {
    const timer: SimulatedTimer = { dueMillis: nowMillis + delayMillis, sequence: nextSequence++, callback, intervalMillis };
    timers.add(timer);
    return { cancel: () => void timers.delete(timer) };
  }

  function nextDue(limitMillis: number): SimulatedTimer | undefined {
    let next: SimulatedTimer | undefined;
    for (const timer of timers) {
      if (timer.dueMillis > limitMillis) continue;
      if (next === undefined || timer.dueMillis < next.dueMillis || (timer.dueMillis === next.dueMillis && timer.sequence < next.sequence)) next = timer;
    }
    return next;
  }

  function advanceTo(targetMillis: number): void {
    if (!Number.isFinite(targetMillis) || targetMillis <= nowMillis) return;
    // A callback that moves the clock itself only raises the target of the move in progress.
    if (advancing) {
      pendingTargetMillis = Math.max(pendingTargetMillis ?? targetMillis, targetMillis);
      return;
    }
    advancing = true;
    try {
      let firings = 0;
      let target = targetMillis;
      for (;;) {
        for (let timer = nextDue(target); timer !== undefined && firings < maxFirings; timer = nextDue(target)) {
          firings++;
          nowMillis = Math.max(nowMillis, timer.dueMillis);
          if (timer.intervalMillis === undefined) {
            timers.delete(timer);
          } else {
            // Coalesce: the next firing is the first period boundary after the target.
            const periods = Math.max(1, Math.ceil((target - timer.dueMillis + 1) / timer.intervalMillis));
            timer.dueMillis += periods * timer.intervalMillis;
            timer.sequence = nextSequence++;
          }
          try {
            timer.callback();
          } catch (error) {
            // A throwing timer must not stop the clock; surface it the way Node surfaces timer errors.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
        nowMillis = Math.max(nowMillis, target);
        if (pendingTargetMillis === undefined || pendingTargetMillis <= nowMillis) break;
        target = pendingTargetMillis;
        pendingTargetMillis = undefined;
      }
      pendingTargetMillis = undefined;
    } finally {
      advancing = false;
    }
  }

  return {
    now: () => nowMillis,
    setTimeout: (callback, delayMillis) => schedule(callback, Number.isFinite(delayMillis) && delayMillis > 0 ? delayMillis : 0, undefined),
    setInterval(callback, intervalMillis) {
      const period = Number.isFinite(intervalMillis) && intervalMillis >= 1 ? intervalMillis : 1;
      return schedule(callback, period, period);
    },
    advanceTo,
    followRealTime(options = {}) {
      let lastRealMillis = Date.now();
      const timer = setInterval(() => {
        const realMillis = Date.now();
        advanceTo(nowMillis + (realMillis - lastRealMillis));
        lastRealMillis = realMillis;
      }, options.tickMillis ?? 1000);
      timer.unref();
      return () => clearInterval(timer);
    },
    get pendingTimerCount() {
      return timers.size;
    },
  };
}
