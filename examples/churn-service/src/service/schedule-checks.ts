import type { CheckRunResult, Clock, Monitor, TimerHandle } from '@driftwatch/core';

/** Options for {@link scheduleChecks}. */
export interface ScheduleChecksOptions {
  monitor: Monitor;
  clock: Clock;
  /** Checks run at every multiple of this since the epoch (whole hours for 3600). */
  intervalSeconds: number;
  /**
   * Runs before each check, which waits for it: the service flushes the prediction logger here,
   * so that the window's last profiles are in the store when the check reads them.
   * @default nothing
   */
  beforeCheck?: () => Promise<void>;
  /** Hears each finished run. Called inside a guard. */
  onResult?: (result: CheckRunResult) => void;
}

/** The schedule of {@link scheduleChecks}. */
export interface CheckSchedule {
  /** Resolves when every check due so far has finished. */
  whenIdle(): Promise<void>;
  /** Stops scheduling; runs already queued still finish. Idempotent. */
  stop(): void;
}

/**
 * Runs `monitor.runChecks({ at })` at every whole interval of the clock (`at` = 01:00, 02:00… for
 * hourly checks), so each check window is one aligned hour and the first window after a change
 * that starts on the hour holds only changed traffic.
 *
 * Unlike `monitor.start()`, which skips a tick while a run is in flight (right for real time), this
 * queues every due check: a replay moves simulated time faster than checks finish, and skipping
 * would make detection depend on the machine's speed. Checks run one after the other.
 *
 * @example
 * ```ts
 * const schedule = scheduleChecks({ monitor, clock, intervalSeconds: 3600 });
 * await schedule.whenIdle();
 * ```
 */
export function scheduleChecks(options: ScheduleChecksOptions): CheckSchedule {
  const { monitor, clock } = options;
  const intervalMillis = options.intervalSeconds * 1000;
  let last: Promise<unknown> = Promise.resolve();
  let timer: TimerHandle | undefined;
  let stopped = false;

  async function check(atMillis: number): Promise<void> {
    await options.beforeCheck?.().catch(() => undefined);
    const result = await monitor.runChecks({ at: new Date(atMillis) });
    try {
      options.onResult?.(result);
    } catch {
      // A failing listener must not stop the schedule.
    }
  }

  function arm(atMillis: number): void {
    timer = clock.setTimeout(() => {
      if (stopped) return;
      // One chain: each check starts after the previous one, whatever the clock did meanwhile.
      last = last.then(() => check(atMillis)).catch(() => undefined);
      arm(atMillis + intervalMillis);
    }, atMillis - clock.now());
  }

  arm(Math.floor(clock.now() / intervalMillis) * intervalMillis + intervalMillis);
  return {
    async whenIdle() {
      // Runs queued while waiting are waited for too.
      for (let seen: Promise<unknown> | undefined; seen !== last; ) {
        seen = last;
        await seen;
      }
    },
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
