import { DriftwatchError } from '@driftwatch/drift';
import type { Clock, TimerHandle } from '../contracts/clock.js';

/** Config for {@link createFakeClock}. */
export interface FakeClockConfig {
  /** The time the clock starts at, in milliseconds since the epoch. @default 0 */
  startMillis?: number;
}

/**
 * A {@link Clock} whose time moves only when a test moves it. Timers fire in order of due time
 * (then of creation) while the clock advances, and `now()` reads each timer's due time while it
 * runs, so code observes the same sequence it would under the system clock.
 *
 * @example
 * ```ts
 * import { createFakeClock, type FakeClock } from '@driftwatch/core/testing';
 * const clock: FakeClock = createFakeClock({ startMillis: 0 });
 * clock.setTimeout(() => console.log('fired at', clock.now()), 500);
 * await clock.advanceAsync(1000); // fired at 500
 * ```
 */
export interface FakeClock extends Clock {
  /** Timers (one-shot and interval) that have not fired or been cancelled. */
  readonly pendingTimerCount: number;
  /** Moves time forward by `millis`, synchronously firing every timer that falls due on the way. */
  advance(millis: number): void;
  /** Moves time to `millis` (never backwards), firing every timer due at or before it. */
  advanceTo(millis: number): void;
  /**
   * Like {@link FakeClock.advance}, but lets pending promise callbacks and I/O callbacks run
   * after each timer fires and at the end, so that async work started by a timer (a store
   * write, a retry) settles before the next timer fires.
   */
  advanceAsync(millis: number): Promise<void>;
  /**
   * Fires one-shot timers, advancing time to each, until none is pending; intervals fire on the
   * way. Throws `INVALID_ARGUMENT` after `maxFirings` (default 10,000) timers, which catches a
   * timeout that keeps rescheduling itself.
   */
  runAllTimers(maxFirings?: number): void;
}

interface ScheduledTimer {
  dueMillis: number;
  sequence: number;
  callback: () => void;
  /** Repeat period for intervals; undefined for one-shot timers. */
  intervalMillis: number | undefined;
  cancelled: boolean;
}

/**
 * Creates a {@link FakeClock} for tests and simulations: days of traffic in milliseconds.
 *
 * @example
 * ```ts
 * import { createFakeClock } from '@driftwatch/core/testing';
 * const clock = createFakeClock({ startMillis: Date.UTC(2026, 0, 1) });
 * const fired: number[] = [];
 * clock.setInterval(() => fired.push(clock.now()), 1000);
 * clock.advance(3000);
 * fired.length; // 3
 * ```
 */
export function createFakeClock(config: FakeClockConfig = {}): FakeClock {
  let nowMillis = config.startMillis ?? 0;
  let nextSequence = 0;
  let timers: ScheduledTimer[] = [];

  function schedule(callback: () => void, delayMillis: number, intervalMillis: number | undefined): TimerHandle {
    const timer: ScheduledTimer = {
      dueMillis: nowMillis + delayMillis,
      sequence: nextSequence++,
      callback,
      intervalMillis,
      cancelled: false,
    };
    timers.push(timer);
    return {
      cancel() {
        timer.cancelled = true;
        timers = timers.filter((candidate) => candidate !== timer);
      },
    };
  }

  /** The next live timer due at or before `limitMillis`, or undefined. */
  function nextDue(limitMillis: number): ScheduledTimer | undefined {
    let next: ScheduledTimer | undefined;
    for (const timer of timers) {
      if (timer.dueMillis > limitMillis) continue;
      if (next === undefined || timer.dueMillis < next.dueMillis || (timer.dueMillis === next.dueMillis && timer.sequence < next.sequence)) {
        next = timer;
      }
    }
    return next;
  }

  function fire(timer: ScheduledTimer): void {
    nowMillis = Math.max(nowMillis, timer.dueMillis);
    if (timer.intervalMillis === undefined) {
      timers = timers.filter((candidate) => candidate !== timer);
    } else {
      timer.dueMillis += timer.intervalMillis;
      timer.sequence = nextSequence++;
    }
    timer.callback();
  }

  function advanceTo(targetMillis: number): void {
    for (let timer = nextDue(targetMillis); timer !== undefined; timer = nextDue(targetMillis)) fire(timer);
    nowMillis = Math.max(nowMillis, targetMillis);
  }

  return {
    now: () => nowMillis,
    setTimeout: (callback, delayMillis) => schedule(callback, normalizeDelay(delayMillis, 0), undefined),
    setInterval(callback, intervalMillis) {
      // Like Node, a non-positive period becomes 1 ms, which keeps `advance` finite.
      const period = normalizeDelay(intervalMillis, 1);
      return schedule(callback, period, period);
    },
    get pendingTimerCount() {
      return timers.length;
    },
    advance(millis) {
      advanceTo(nowMillis + Math.max(0, millis));
    },
    advanceTo,
    async advanceAsync(millis) {
      const targetMillis = nowMillis + Math.max(0, millis);
      await settle();
      for (let timer = nextDue(targetMillis); timer !== undefined; timer = nextDue(targetMillis)) {
        fire(timer);
        await settle();
      }
      nowMillis = Math.max(nowMillis, targetMillis);
      await settle();
    },
    runAllTimers(maxFirings = 10_000) {
      let firings = 0;
      for (;;) {
        let lastDue = -Infinity;
        for (const timer of timers) if (timer.intervalMillis === undefined) lastDue = Math.max(lastDue, timer.dueMillis);
        if (lastDue === -Infinity) return;
        for (let timer = nextDue(lastDue); timer !== undefined; timer = nextDue(lastDue)) {
          if (++firings > maxFirings) {
            throw new DriftwatchError({
              code: 'INVALID_ARGUMENT',
              message: `runAllTimers fired ${maxFirings} timers and one-shot timers are still pending; a timer probably reschedules itself.`,
              details: { maxFirings },
            });
          }
          fire(timer);
        }
        nowMillis = Math.max(nowMillis, lastDue);
      }
    },
  };
}

function normalizeDelay(delayMillis: number, minimum: number): number {
  return Number.isFinite(delayMillis) && delayMillis > minimum ? delayMillis : minimum;
}

/** Lets queued promise callbacks, and the I/O and immediates behind them, run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) await new Promise<void>((resolve) => setImmediate(resolve));
}
