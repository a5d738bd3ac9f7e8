/** A job handed to a worker. */
export interface Job<Payload = unknown> {
  id: string;
  name: string;
  payload: Payload;
}

/** Options for {@link JobQueue.send}. */
export interface SendJobOptions {
  /** At most one job with this key is queued or running at a time; a second send returns `undefined`. */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now. @default 0 */
  startAfterSeconds?: number;
}

/**
 * Runs background work such as retraining: in-process by default, or shared by several
 * workers through PostgreSQL with `createPgBossJobQueue` in `@driftwatch/adapters`.
 *
 * @example
 * ```ts
 * import type { JobQueue } from '@driftwatch/core';
 * async function start(queue: JobQueue) {
 *   await queue.work<{ model: string }>('retrain', async (job) => console.log('retraining', job.payload.model));
 *   await queue.send('retrain', { model: 'churn' }, { singletonKey: 'churn' });
 * }
 * ```
 */
export interface JobQueue {
  /** Queues a job; resolves with its id, or `undefined` when a singleton with the same key exists. */
  send<Payload>(name: string, payload: Payload, options?: SendJobOptions): Promise<string | undefined>;
  /** Registers the handler for a job name. A handler that throws fails the job (it may be retried). */
  work<Payload>(name: string, handler: (job: Job<Payload>) => Promise<void>): Promise<void>;
  /** Sends `payload` to `name` on a cron schedule (UTC), e.g. `'0 3 * * *'` daily at 03:00. */
  schedule<Payload>(name: string, cron: string, payload: Payload): Promise<void>;
  /** Stops taking jobs, waits for running ones, and releases resources. Idempotent. */
  shutdown(): Promise<void>;
}
