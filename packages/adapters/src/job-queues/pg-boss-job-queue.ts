import { DriftwatchError, type Job, type JobQueue, type SendJobOptions } from '@driftwatch/core';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { PostgresPool } from '../event-stores/postgres-event-store-config.js';
import { checkIntegerSetting } from '../internal/check-store-config.js';
import { createPgBoss, type PgBossExecutor, type PgBossInstance, type PgBossJob } from '../internal/pg-boss-instance.js';
import { checkConnectionLimits, checkSchemaName, createPostgresConnection, resolvePostgresConnectionConfig } from '../internal/postgres-connection.js';
import { isPlainObject } from '../internal/record-rows.js';

/**
 * Configuration of {@link createPgBossJobQueue}. Give `pool` or `connectionString`.
 *
 * @example
 * ```ts
 * import type { PgBossJobQueueConfig } from '@driftwatch/adapters';
 * const config: PgBossJobQueueConfig = {
 *   connectionString: 'postgres://driftwatch@localhost:5432/monitoring',
 *   schema: 'driftwatch_jobs',
 *   retryLimit: 0,
 * };
 * ```
 */
export interface PgBossJobQueueConfig {
  /**
   * A pg pool that pg-boss runs its queries on (it may be the stores' pool). The queue never
   * ends it: its owner does, after `shutdown()`.
   * @default undefined (create a pool from `connectionString`)
   */
  pool?: PostgresPool;
  /**
   * Connection string for the pool the queue creates (and ends on `shutdown()`) when no `pool`
   * is given. pg is then loaded by the queue (an optional peer dependency, like pg-boss).
   * @default undefined
   */
  connectionString?: string;
  /**
   * Schema of pg-boss's tables, created (and migrated to the installed pg-boss version) on first
   * use. At most 50 characters, letters, digits and `_`. Every process sharing jobs must use the
   * same one; give each test run its own.
   * @default 'pgboss'
   */
  schema?: string;
  /**
   * Connections in the pool the queue creates: each worker's polling, pg-boss's maintenance and
   * cron, and each send take one briefly. Ignored when `pool` is given.
   * @default 4
   */
  maxConnections?: number;
  /**
   * How long the pool the queue creates waits for a connection before a query fails. Ignored
   * when `pool` is given.
   * @default 5000
   */
  connectionTimeoutMillis?: number;
  /** Times a job whose handler throws is tried again before it is failed (as in `createInProcessJobQueue`). @default 2 */
  retryLimit?: number;
  /** Wait before each retry. @default 0 */
  retryDelaySeconds?: number;
  /** Double the wait after each retry (pg-boss's `retryBackoff`). @default false */
  retryBackoff?: boolean;
  /**
   * How long one attempt may run before pg-boss fails it (and retries it elsewhere). pg-boss
   * allows at most 24 hours; keep it well above the longest retraining.
   * @default 3600
   */
  expireInSeconds?: number;
  /** How often an idle worker asks PostgreSQL for a job. pg-boss allows no less than 0.5. @default 2 */
  pollingIntervalSeconds?: number;
  /** Jobs of one name that this process runs at once (pg-boss workers per name). Retraining is CPU-bound. @default 1 */
  concurrency?: number;
  /** How long `shutdown()` waits for running jobs before failing them (they are retried by another process). @default 30000 */
  shutdownTimeoutMillis?: number;
  /**
   * Hears about every failed attempt of a job, with what the handler threw (unchanged), the job
   * and the attempt number (1 for the first), and about errors outside any job (pg-boss's
   * maintenance, a dropped connection), with `job` and `attempt` undefined. Called inside a
   * guard: what it throws is ignored.
   * @default a one-line `console.warn`
   */
  onError?: (error: unknown, job: Job | undefined, attempt: number | undefined) => void;
}

const defaults = Object.freeze({
  schema: 'pgboss',
  maxConnections: 4,
  connectionTimeoutMillis: 5000,
  retryLimit: 2,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 3600,
  pollingIntervalSeconds: 2,
  concurrency: 1,
  shutdownTimeoutMillis: 30_000,
  onError: (error: unknown, job: Job | undefined, attempt: number | undefined) => {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(job === undefined ? `[driftwatch] pg-boss: ${message}` : `[driftwatch] job ${job.name} (${job.id}) failed on attempt ${attempt}: ${message}`);
  },
});

/** The slice of pg-boss's job table that the singleton check reads. */
interface PgBossTables {
  job: { name: string; singleton_key: string | null; state: string };
}

/**
 * A {@link JobQueue} on pg-boss 10 (an optional peer dependency), for background work shared by
 * several processes through PostgreSQL: each job runs in one worker of one process.
 *
 * - `send` creates the job's queue first (pg-boss 10 requires it). With a `singletonKey`, the
 *   check "no job of this name and key is queued, waiting for a retry or running" and the insert
 *   run in one transaction under an advisory lock on (name, key), so of two processes sending at
 *   once exactly one gets an id and the other `undefined`, as the contract says. pg-boss 10's own
 *   queue policies cannot say this: `short` allows a second job once the first runs, `singleton`
 *   queues any number, `stately` allows one queued beside one running, and every policy would
 *   also limit jobs sent without a key. Queues use the `standard` policy.
 * - `work` starts `concurrency` workers for the name in this process; each takes one job at a
 *   time with pg-boss's `fetch` (`FOR UPDATE SKIP LOCKED`: a job goes to one worker of one
 *   process), polling every `pollingIntervalSeconds` while idle. A handler that throws fails the
 *   attempt; pg-boss retries it `retryLimit` times.
 * - `schedule` stores a cron schedule (UTC) in pg-boss, which sends the job once per tick
 *   across every process. Unlike the in-process queue, a tick is not skipped while the previous
 *   scheduled job still runs.
 * - Payloads travel as `{ payload }` in pg-boss's `data`, so any JSON value (arrays, strings)
 *   survives pg's parameter conversion.
 *
 * Lifecycle: pg-boss starts (and creates or upgrades its schema) on first use. `shutdown()`
 * stops polling, waits up to `shutdownTimeoutMillis` for running jobs, fails the rest (another
 * process retries them at once), stops pg-boss, and ends the pool it created; it is idempotent,
 * and afterwards every method rejects with `SHUTDOWN`. Failures of PostgreSQL or pg-boss reject
 * with `STORE_FAILED`; an invalid cron expression with `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { createPgBossJobQueue } from '@driftwatch/adapters';
 *
 * const queue = createPgBossJobQueue({ connectionString: process.env.DATABASE_URL!, schema: 'driftwatch_jobs' });
 * await queue.work<{ model: string }>('retrain', async (job) => console.log('retraining', job.payload.model));
 * await queue.schedule('retrain', '0 3 * * *', { model: 'churn' }); // daily at 03:00 UTC
 * await queue.send('retrain', { model: 'churn' }, { singletonKey: 'churn' }); // undefined while one is queued or running
 * // on shutdown:
 * await queue.shutdown();
 * ```
 */
export function createPgBossJobQueue(config: PgBossJobQueueConfig): JobQueue {
  const settings = Object.freeze({
    ...resolvePostgresConnectionConfig('createPgBossJobQueue', config, defaults),
    retryLimit: config.retryLimit ?? defaults.retryLimit,
    retryDelaySeconds: config.retryDelaySeconds ?? defaults.retryDelaySeconds,
    retryBackoff: config.retryBackoff ?? defaults.retryBackoff,
    expireInSeconds: config.expireInSeconds ?? defaults.expireInSeconds,
    pollingIntervalSeconds: config.pollingIntervalSeconds ?? defaults.pollingIntervalSeconds,
    concurrency: config.concurrency ?? defaults.concurrency,
    shutdownTimeoutMillis: config.shutdownTimeoutMillis ?? defaults.shutdownTimeoutMillis,
    onError: config.onError ?? defaults.onError,
  });
  const factory = 'createPgBossJobQueue';
  checkSchemaName(factory, settings.schema, 50);
  checkConnectionLimits(factory, settings);
  checkIntegerSetting(factory, 'retryLimit', settings.retryLimit, 0);
  checkIntegerSetting(factory, 'retryDelaySeconds', settings.retryDelaySeconds, 0);
  checkIntegerSetting(factory, 'expireInSeconds', settings.expireInSeconds, 1);
  checkIntegerSetting(factory, 'concurrency', settings.concurrency, 1);
  checkIntegerSetting(factory, 'shutdownTimeoutMillis', settings.shutdownTimeoutMillis, 0);
  if (settings.expireInSeconds >= 24 * 3600) invalid('expireInSeconds must be less than 86400 (pg-boss allows at most 24 hours).', 'expireInSeconds');
  if (!(settings.pollingIntervalSeconds >= 0.5)) invalid('pollingIntervalSeconds must be at least 0.5 (pg-boss polls at most twice a second).', 'pollingIntervalSeconds');

  const report = (error: unknown, job?: Job, attempt?: number) => {
    try {
      settings.onError(error, job, attempt);
    } catch {
      // A failing hook must not stop the queue.
    }
  };
  const connection = createPostgresConnection<PgBossTables>({
    factory,
    pool: settings.pool,
    connectionString: settings.connectionString,
    maxConnections: settings.maxConnections,
    connectionTimeoutMillis: settings.connectionTimeoutMillis,
    onError: (error) => report(error),
  });
  const db = connection.db;
  /** Job options sent with every job, so they do not depend on which process created the queue. */
  const jobOptions = Object.freeze({
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: settings.retryBackoff,
    expireInSeconds: settings.expireInSeconds,
  });
  const handlers = new Map<string, (job: Job) => Promise<void>>();
  const queues = new Map<string, Promise<void>>();
  /** Jobs being handled in this process, to fail those still running when shutdown gives up on them. */
  const runningJobs = new Map<string, PgBossJob>();
  const workerLoops = new Set<Promise<void>>();
  /** Wakes the workers that wait between polls, at shutdown. */
  const wakeUps = new Set<() => void>();
  const runningQueries = new Set<Promise<unknown>>();
  let boss: Promise<PgBossInstance> | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let poolEnded = false;

  /** pg-boss runs every query through this: on the queue's pool, tracked so that shutdown can wait for it. */
  const executor: PgBossExecutor = {
    executeSql(text, values) {
      // pg-boss completes a job without awaiting the promise; after the pool is gone, answering
      // empty beats an unhandled rejection in the host.
      if (poolEnded) return Promise.resolve({ rows: [] });
      const query = db.executeQuery(CompiledQuery.raw(text, values ?? [])).then((result) => ({ rows: result.rows as unknown[] }));
      const settled = query.catch(() => undefined);
      runningQueries.add(settled);
      void settled.then(() => runningQueries.delete(settled));
      return query;
    },
  };

  function started(): Promise<PgBossInstance> {
    boss ??= (async () => {
      const instance = await createPgBoss({
        db: executor,
        schema: settings.schema,
        ...jobOptions,
        pollingIntervalSeconds: settings.pollingIntervalSeconds,
      });
      instance.on('error', (error) => report(error));
      await instance.start();
      return instance;
    })().catch((error: unknown) => {
      boss = undefined;
      throw error;
    });
    return boss;
  }

  /** Creates the job's queue once per process; concurrent creation is retried (pg-boss 10 may deadlock on it). */
  function ensureQueue(instance: PgBossInstance, name: string): Promise<void> {
    let created = queues.get(name);
    if (created === undefined) {
      created = (async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            if ((await instance.getQueue(name)) !== null) return;
            await instance.createQueue(name, { name, policy: 'standard', ...jobOptions });
            return;
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            const retryable = code === '40P01' || code === '23505' || code === '42P07';
            if (!retryable || attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
          }
        }
      })().catch((error: unknown) => {
        queues.delete(name);
        throw error;
      });
      queues.set(name, created);
    }
    return created;
  }

  async function run<T>(operation: string, body: () => Promise<T>): Promise<T> {
    if (closed) throw new DriftwatchError({ code: 'SHUTDOWN', message: `The pg-boss job queue is shut down; ${operation} was refused.`, details: { operation } });
    try {
      return await body();
    } catch (error) {
      if (DriftwatchError.isInstance(error)) throw error;
      throw new DriftwatchError({
        code: 'STORE_FAILED',
        message: `pg-boss job queue: ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
        details: { operation },
      });
    }
  }

  async function sendSingleton(instance: PgBossInstance, name: string, data: { payload: unknown }, options: Record<string, unknown>, singletonKey: string): Promise<string | undefined> {
    return db.transaction().execute(async (trx) => {
      // Every sender of this (name, key) queues here until the one ahead commits, then sees its job.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`driftwatch.job-singleton:${settings.schema}:${name}:${singletonKey}`}, 0))`.execute(trx);
      const existing = await (trx as Kysely<PgBossTables>)
        .withSchema(settings.schema)
        .selectFrom('job')
        .select('name')
        .where('name', '=', name)
        .where('singleton_key', '=', singletonKey)
        // job_state orders created < retry < active < completed < cancelled < failed.
        .where('state', '<', 'completed')
        .limit(1)
        .executeTakeFirst();
      if (existing !== undefined) return undefined;
      const inTransaction: PgBossExecutor = {
        executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values ?? []))).rows as unknown[] }),
      };
      return (await instance.send(name, data, { ...options, singletonKey, db: inTransaction })) ?? undefined;
    });
  }

  /**
   * Runs one fetched job and records its result in pg-boss. pg-boss's own `work()` is not used:
   * it completes and fails jobs without awaiting the query, so a database error at that moment
   * would be an unhandled rejection in the host. Here such an error is reported, and the job,
   * still active, is failed by pg-boss's expiry and retried.
   */
  async function runJob(instance: PgBossInstance, job: PgBossJob): Promise<void> {
    const handler = handlers.get(job.name);
    const described: Job = { id: job.id, name: job.name, payload: isPlainObject(job.data) ? job.data.payload : undefined };
    const attempt = (job.retryCount ?? 0) + 1;
    runningJobs.set(job.id, job);
    let failure: { error: unknown } | undefined;
    try {
      if (handler === undefined) throw new Error(`no handler for ${job.name} in this process`);
      await handler(described);
    } catch (error) {
      failure = { error };
      report(error, described, attempt);
    } finally {
      runningJobs.delete(job.id);
    }
    try {
      if (failure === undefined) await instance.complete(job.name, job.id);
      else await instance.fail(job.name, job.id, describeFailure(failure.error));
    } catch (error) {
      report(error);
    }
  }

  /** One worker: polls for a job of `name`, runs it, and polls again at once or after the interval. */
  function startWorker(instance: PgBossInstance, name: string): void {
    const loop = (async () => {
      while (!closed) {
        let jobs: PgBossJob[] = [];
        try {
          jobs = (await instance.fetch(name, { batchSize: 1, includeMetadata: true })) ?? [];
        } catch (error) {
          report(error);
        }
        for (const job of jobs) await runJob(instance, job);
        if (jobs.length === 0 && !closed) {
          await new Promise<void>((resolve) => {
            const wake = () => {
              clearTimeout(timer);
              wakeUps.delete(wake);
              resolve();
            };
            const timer = setTimeout(wake, settings.pollingIntervalSeconds * 1000);
            wakeUps.add(wake);
          });
        }
      }
    })();
    workerLoops.add(loop);
    void loop.finally(() => workerLoops.delete(loop));
  }

  return Object.freeze({
    send<Payload>(name: string, payload: Payload, options: SendJobOptions = {}) {
      return run('send', async () => {
        const startAfterSeconds = options.startAfterSeconds ?? 0;
        if (!(Number.isFinite(startAfterSeconds) && startAfterSeconds >= 0)) invalid(`startAfterSeconds must be a finite number ≥ 0, not ${startAfterSeconds}.`, 'startAfterSeconds');
        const instance = await started();
        await ensureQueue(instance, name);
        const sendOptions = { ...jobOptions, ...(startAfterSeconds > 0 ? { startAfter: Math.ceil(startAfterSeconds) } : {}) };
        const data = { payload };
        if (options.singletonKey !== undefined) return sendSingleton(instance, name, data, sendOptions, options.singletonKey);
        return (await instance.send(name, data, sendOptions)) ?? undefined;
      });
    },

    work<Payload>(name: string, handler: (job: Job<Payload>) => Promise<void>) {
      return run('work', async () => {
        const instance = await started();
        await ensureQueue(instance, name);
        const registered = handlers.has(name);
        // Like the in-process queue, a second handler for a name replaces the first.
        handlers.set(name, handler as (job: Job) => Promise<void>);
        if (registered) return;
        for (let worker = 0; worker < settings.concurrency; worker++) startWorker(instance, name);
      });
    },

    schedule<Payload>(name: string, cron: string, payload: Payload) {
      return run('schedule', async () => {
        const instance = await started();
        await ensureQueue(instance, name);
        try {
          await instance.schedule(name, cron, { payload }, { ...jobOptions, tz: 'UTC' });
        } catch (error) {
          // pg-boss checks the expression with cron-parser before storing anything.
          // Its errors carry no code, unlike those of pg, Node's network stack or assertions.
          if (error instanceof Error && !('code' in error)) {
            throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `"${cron}" is not a cron expression pg-boss accepts: ${error.message}`, cause: error, details: { cron } });
          }
          throw error;
        }
      });
    },

    shutdown() {
      closing ??= (async () => {
        closed = true;
        for (const wake of [...wakeUps]) wake();
        const instance = await boss?.catch(() => undefined);
        if (instance !== undefined) {
          // Workers finish the job in hand (each loop ends after it), for at most the timeout.
          let timer: ReturnType<typeof setTimeout> | undefined;
          await Promise.race([
            Promise.allSettled([...workerLoops]),
            new Promise((resolve) => (timer = setTimeout(resolve, settings.shutdownTimeoutMillis))),
          ]);
          clearTimeout(timer);
          // Jobs still running are failed, so that another process retries them now rather than
          // after they expire; their handlers' late results are then ignored.
          for (const job of runningJobs.values()) {
            await instance.fail(job.name, job.id, { message: 'the process shut down while the job ran' }).catch((error: unknown) => report(error));
          }
          // Stops pg-boss's maintenance and cron timers; it runs no workers of its own.
          await instance.stop({ graceful: false, wait: true, close: false, timeout: 1000 }).catch((error: unknown) => report(error));
          while (runningQueries.size > 0) await Promise.all([...runningQueries]);
        }
        poolEnded = true;
        await connection.close().catch((error: unknown) => report(error));
      })();
      return closing;
    },
  });
}

function invalid(message: string, field: string): never {
  throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `createPgBossJobQueue: ${message}`, details: { field } });
}

function describeFailure(error: unknown): object {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
