/**
 * Where Driftwatch reads the time and sets timers. Injected everywhere so that tests and
 * simulations can run days of traffic in milliseconds (see `createFakeClock` in `@driftwatch/core/testing`).
 *
 * @example
 * ```ts
 * import { systemClock } from '@driftwatch/core';
 * const started = systemClock.now();
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` after `delayMillis`; the handle does not keep the process alive. */
  setTimeout(callback: () => void, delayMillis: number): TimerHandle;
  /** Calls `callback` every `intervalMillis`; the handle does not keep the process alive. */
  setInterval(callback: () => void, intervalMillis: number): TimerHandle;
}

/** A timer that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/** The real clock. Its timers are `unref`'d so monitoring never holds a process open. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout(callback: () => void, delayMillis: number): TimerHandle {
    const timer = setTimeout(callback, delayMillis);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
  setInterval(callback: () => void, intervalMillis: number): TimerHandle {
    const timer = setInterval(callback, intervalMillis);
    timer.unref?.();
    return { cancel: () => clearInterval(timer) };
  },
});
