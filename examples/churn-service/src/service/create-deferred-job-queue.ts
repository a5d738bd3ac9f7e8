import { randomUUID } from 'node:crypto';
import type { Clock, JobQueue, TimerHandle } from '@driftwatch/core';

/** Options for {@link createDeferredJobQueue}. */
export interface DeferredJobQueueConfig {
  /** The queue that receives the jobs once their delay is over; it keeps its own workers and schedules. */
  queue: JobQueue;
  /** Each job sent is passed on this long after it was sent, timed on `clock`. */
  delaySeconds: number;
  /** The clock the delay runs on (the service's simulated clock in the demo). */
  clock: Clock;
  /**
   * Hears about a job the inner queue refused when its delay was over. Called inside a guard.
   * @default a one-line `console.warn`
   */
  onError?: (error: unknown) => void;
}

/**
 * A {@link JobQueue} that passes each job on to another queue after a delay on a given clock.
 * The churn service hands it to `createRetrainingAlertSink`: a drift alert comes the hour a
 * shift starts, but the outcomes of post-shift predictions arrive days later, so retraining at
 * once would fit the old world again. The delay waits for labels.
 *
 * A singleton key stays taken here from `send` until the job has been passed on (where the inner
 * queue's own singleton rule takes over), so a burst of alerts defers one job. Delays live in
 * memory: a restart forgets the jobs still waiting (the next alert sends again). Unlike
 * `startAfterSeconds`, the delay runs on the given clock, which pg-boss cannot do.
 *
 * @example
 * ```ts
 * const deferred = createDeferredJobQueue({ queue, delaySeconds: 86_400, clock });
 * const sink = createRetrainingAlertSink({ queue: deferred });
 * ```
 */
export function createDeferredJobQueue(config: DeferredJobQueueConfig): JobQueue {
  const { queue, clock } = config;
  const onError = config.onError ?? ((error: unknown) => console.warn(`[churn-service] a deferred job could not be queued: ${error instanceof Error ? error.message : String(error)}`));
  const delayMillis = Math.max(0, config.delaySeconds * 1000);
  const waiting = new Map<string, TimerHandle>();
  const singletonKeys = new Set<string>();
  let closed = false;

  return {
    async send(name, payload, options = {}) {
      if (closed) return undefined;
      const key = options.singletonKey === undefined ? undefined : `${name}\u0000${options.singletonKey}`;
      if (key !== undefined) {
        if (singletonKeys.has(key)) return undefined;
        singletonKeys.add(key);
      }
      const id = randomUUID();
      waiting.set(
        id,
        clock.setTimeout(() => {
          waiting.delete(id);
          if (key !== undefined) singletonKeys.delete(key);
          queue.send(name, payload, options).catch((error: unknown) => {
            try {
              onError(error);
            } catch {
              // A failing hook must not break the queue.
            }
          });
        }, delayMillis),
      );
      return id;
    },
    work: (name, handler) => queue.work(name, handler),
    schedule: (name, cron, payload) => queue.schedule(name, cron, payload),
    async shutdown() {
      closed = true;
      for (const timer of waiting.values()) timer.cancel();
      waiting.clear();
      singletonKeys.clear();
    },
  };
}
