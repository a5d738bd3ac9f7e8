import { DriftwatchError } from '@driftwatch/core';

/** How pg-boss runs SQL when it is given a `db` instead of connection settings. */
export interface PgBossExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A job as pg-boss 10 hands it to a worker with `includeMetadata: true` (the fields we read). */
export interface PgBossJob {
  id: string;
  name: string;
  data: unknown;
  /** 0 on the first attempt. */
  retryCount?: number;
}

/** Options pg-boss 10 takes on `send`, `createQueue` and `schedule` (the ones we pass). */
export interface PgBossJobOptions {
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  startAfter?: number;
  singletonKey?: string;
  db?: PgBossExecutor;
}

/**
 * The subset of a pg-boss 10 instance that the job queue calls. Described here instead of
 * imported, like the database drivers: pg-boss is an optional peer dependency that the queue
 * loads only when it is used.
 */
export interface PgBossInstance {
  on(event: 'error', listener: (error: Error) => void): unknown;
  start(): Promise<unknown>;
  stop(options: { graceful: boolean; wait: boolean; close: boolean; timeout: number }): Promise<void>;
  getQueue(name: string): Promise<unknown>;
  createQueue(name: string, options: PgBossJobOptions & { name: string; policy: 'standard' | 'short' | 'singleton' | 'stately' }): Promise<void>;
  send(name: string, data: object, options: PgBossJobOptions): Promise<string | null>;
  /** Takes up to `batchSize` jobs (state `active` afterwards); resolves `[]` when there are none (pg-boss also swallows query errors here). */
  fetch(name: string, options: { batchSize: number; includeMetadata: true }): Promise<PgBossJob[] | null>;
  complete(name: string, id: string): Promise<unknown>;
  /** Fails an active job: pg-boss retries it while it has retries left. `data` is stored as its output. */
  fail(name: string, id: string, data: object): Promise<unknown>;
  schedule(name: string, cron: string, data: object, options: PgBossJobOptions & { tz: string }): Promise<void>;
}

/** What the job queue passes to pg-boss's constructor. */
export interface PgBossSettings {
  db: PgBossExecutor;
  schema: string;
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  pollingIntervalSeconds: number;
}

/** Loads pg-boss (CommonJS, `module.exports = PgBoss`) and constructs an instance. */
export async function createPgBoss(settings: PgBossSettings): Promise<PgBossInstance> {
  let module: unknown;
  try {
    module = await import('pg-boss');
  } catch (error) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: 'createPgBossJobQueue needs pg-boss 10: install it (npm install pg-boss@10).',
      cause: error,
    });
  }
  const exports = module as { default?: unknown };
  const PgBoss = (exports.default ?? module) as new (options: PgBossSettings) => PgBossInstance;
  return new PgBoss(settings);
}
