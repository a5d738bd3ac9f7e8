import { randomUUID } from 'node:crypto';
import { DriftwatchError } from '@driftwatch/drift';
import { systemClock, type Clock, type TimerHandle } from '../contracts/clock.js';
import type { Job, JobQueue, SendJobOptions } from '../contracts/job-queue.js';
import { parseCronExpression } from './internal/cron-expression.js';

/**
 * Config for {@link createInProcessJobQueue}. Every field is optional.
 *
 * @example
 * ```ts
 * import type { InProcessJobQueueConfig } from '@driftwatch/core';
 * const config: InProcessJobQueueConfig = { concurrency: 2, retryLimit: 0 };
 * ```
 */
export interface InProcessJobQueueConfig {
  /** Time, delays and cron schedules. @default systemClock */
  clock?: Clock;
  /** Jobs that run at once, across every job name. Retraining is CPU-bound, so one at a time. @default 1 */
  concurrency?: number;
  /** Times a job whose handler throws is tried again before it is given up (pg-boss's default). @default 2 */
  retryLimit?: number;
  /** Wait before each retry. @default 0 */
  retryDelaySeconds?: number;
  /** Creates job ids. @default crypto.randomUUID */
  createJobId?: () => string;
  /**
   * Hears about every failed attempt, with what the handler threw (unchanged) and the attempt number
   * (1 for the first). Called inside a guard: what it throws is ignored. @default a one-line `console.warn`
   */
  onError?: (error: unknown, job: Job, attempt: number) => void;
}

/**
 * The {@link JobQueue} that runs jobs in this process: the embedded default of the retraining
 * pipeline. Nothing survives a restart (a pipeline resumes its own unfinished run from the
 * store), and a singleton key is only unique within this process; use `createPgBossJobQueue`
 * from `@driftwatch/adapters` to share jobs between processes.
 *
 * @example
 * ```ts
 * import { createInProcessJobQueue, type InProcessJobQueue } from '@driftwatch/core';
 * const queue: InProcessJobQueue = createInProcessJobQueue();
 * await queue.work('hello', async () => console.log('hi'));
 * await queue.send('hello', {});
 * await queue.whenIdle();
 * ```
 */
export interface InProcessJobQueue extends JobQueue {
  /** Resolves once no job is running and none that has a handler is ready to run. Delayed jobs are not waited for. */
  whenIdle(): Promise<void>;
  /** Jobs queued (ready or delayed, retries included) and running now. */
  readonly counts: { queued: number; running: number };
}

interface QueuedJob {
  job: Job;
  singletonKey: string | undefined;
  attempts: number;
  ready: boolean;
  timer: TimerHandle | undefined;
}

interface ResolvedConfig {
  clock: Clock;
  concurrency: number;
  retryLimit: number;
  retryDelayMillis: number;
  createJobId: () => string;
  onError: (error: unknown, job: Job, attempt: number) => void;
}

function warn(error: unknown, job: Job, attempt: number): void {
  console.warn(`[driftwatch] job ${job.name} (${job.id}) failed on attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
}

function resolveConfig(config: InProcessJobQueueConfig): Readonly<ResolvedConfig> {
  const count = (value: number | undefined, fallback: number, minimum: number, name: string): number => {
    const resolved = value ?? fallback;
    if (!Number.isInteger(resolved) || resolved < minimum) {
      throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `${name} must be an integer of at least ${minimum}, got ${value}.`, details: { [name]: value } });
    }
    return resolved;
  };
  const retryDelaySeconds = config.retryDelaySeconds ?? 0;
  if (!(Number.isFinite(retryDelaySeconds) && retryDelaySeconds >= 0)) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `retryDelaySeconds must be a finite number ≥ 0, got ${retryDelaySeconds}.` });
  }
  return Object.freeze({
    clock: config.clock ?? systemClock,
    concurrency: count(config.concurrency, 1, 1, 'concurrency'),
    retryLimit: count(config.retryLimit, 2, 0, 'retryLimit'),
    retryDelayMillis: retryDelaySeconds * 1000,
    createJobId: config.createJobId ?? randomUUID,
    onError: config.onError ?? warn,
  });
}

/**
 * Creates an {@link InProcessJobQueue}. Handlers run on this event loop, `concurrency` at a time;
 * a handler that throws is retried `retryLimit` times, each failure reported to `onError`.
 * `schedule` takes five-field UTC cron expressions and sends its job at each matching minute,
 * skipping a tick while the previous scheduled job of that name is still queued or running.
 *
 * Lifecycle: `shutdown()` cancels delays and schedules, drops queued jobs, waits for running
 * ones, and is idempotent; afterwards `send`, `work` and `schedule` reject with `SHUTDOWN`.
 * Throws `VALIDATION_FAILED` for an invalid config.
 *
 * @example
 * ```ts
 * import { createInProcessJobQueue } from '@driftwatch/core';
 * const queue = createInProcessJobQueue({ retryLimit: 1 });
 * await queue.work<{ modelName: string }>('retrain', async (job) => console.log('retraining', job.payload.modelName));
 * await queue.schedule('retrain', '0 3 * * *', { modelName: 'churn' }); // daily at 03:00 UTC
 * await queue.send('retrain', { modelName: 'churn' }, { singletonKey: 'churn' });
 * ```
 */
export function createInProcessJobQueue(config: InProcessJobQueueConfig = {}): InProcessJobQueue {
  const settings = resolveConfig(config);
  const { clock } = settings;
  const handlers = new Map<string, (job: Job) => Promise<void>>();
  const schedules = new Map<string, TimerHandle>();
  const singletonKeys = new Set<string>();
  let queued: QueuedJob[] = [];
  const running = new Set<Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let closed = false;
  let closing: Promise<void> | undefined;

  function ensureOpen(operation: string): void {
    if (closed) {
      throw new DriftwatchError({ code: 'SHUTDOWN', message: `The in-process job queue is shut down; ${operation} refused.`, details: { operation } });
    }
  }

  function isIdle(): boolean {
    return running.size === 0 && !queued.some((entry) => entry.ready && handlers.has(entry.job.name));
  }

  function notifyIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function pump(): void {
    while (!closed && running.size < settings.concurrency) {
      const index = queued.findIndex((entry) => entry.ready && handlers.has(entry.job.name));
      if (index < 0) break;
      const [entry] = queued.splice(index, 1) as [QueuedJob];
      const execution = execute(entry);
      running.add(execution);
      void execution.finally(() => {
        running.delete(execution);
        pump();
        notifyIdle();
      });
    }
    notifyIdle();
  }

  async function execute(entry: QueuedJob): Promise<void> {
    const handler = handlers.get(entry.job.name)!;
    entry.attempts++;
    try {
      await handler(entry.job);
      release(entry);
    } catch (error) {
      report(error, entry.job, entry.attempts);
      if (entry.attempts <= settings.retryLimit && !closed) {
        enqueue(entry, settings.retryDelayMillis);
      } else {
        release(entry);
      }
    }
  }

  function release(entry: QueuedJob): void {
    if (entry.singletonKey !== undefined) singletonKeys.delete(entry.singletonKey);
  }

  function report(error: unknown, job: Job, attempt: number): void {
    try {
      settings.onError(error, job, attempt);
    } catch {
      // A failing hook must not stop the queue.
    }
  }

  function enqueue(entry: QueuedJob, delayMillis: number): void {
    entry.ready = delayMillis <= 0;
    entry.timer = undefined;
    queued.push(entry);
    if (!entry.ready) {
      entry.timer = clock.setTimeout(() => {
        entry.ready = true;
        entry.timer = undefined;
        pump();
      }, delayMillis);
    }
  }

  function send<Payload>(name: string, payload: Payload, options: SendJobOptions = {}): string | undefined {
    ensureOpen('send');
    const singletonKey = options.singletonKey === undefined ? undefined : `${name}\u0000${options.singletonKey}`;
    if (singletonKey !== undefined) {
      if (singletonKeys.has(singletonKey)) return undefined;
      singletonKeys.add(singletonKey);
    }
    const job: Job = { id: settings.createJobId(), name, payload };
    enqueue({ job, singletonKey, attempts: 0, ready: true, timer: undefined }, (options.startAfterSeconds ?? 0) * 1000);
    pump();
    return job.id;
  }

  function arm(name: string, cron: ReturnType<typeof parseCronExpression>, payload: unknown): void {
    const nowMillis = clock.now();
    const timer = clock.setTimeout(() => {
      if (closed) return;
      send(name, payload, { singletonKey: '\u0000schedule' });
      arm(name, cron, payload);
    }, cron.next(nowMillis) - nowMillis);
    schedules.set(name, timer);
  }

  return {
    async send(name, payload, options) {
      return send(name, payload, options);
    },

    async work(name, handler) {
      ensureOpen('work');
      handlers.set(name, handler as (job: Job) => Promise<void>);
      pump();
    },

    async schedule(name, cron, payload) {
      ensureOpen('schedule');
      const expression = parseCronExpression(cron);
      schedules.get(name)?.cancel();
      arm(name, expression, payload);
    },

    whenIdle() {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    get counts() {
      return { queued: queued.length, running: running.size };
    },

    shutdown() {
      closing ??= (async () => {
        closed = true;
        for (const timer of schedules.values()) timer.cancel();
        schedules.clear();
        for (const entry of queued) entry.timer?.cancel();
        queued = [];
        singletonKeys.clear();
        await Promise.allSettled([...running]);
        notifyIdle();
      })();
      return closing;
    },
  };
}
