import { fileURLToPath } from 'node:url';
import { DriftwatchError, type Job } from '@driftwatch/core';
import PgBoss from 'pg-boss';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runTypeScript } from '../event-stores/child-process.test-helper.js';
import { createSchemaTracker, createTestPool, errorCode, postgresSuiteTitle, postgresTestUrl, probePostgres } from '../event-stores/postgres-test-database.test-helper.js';
import { createPgBossJobQueue, type PgBossJobQueueConfig } from './pg-boss-job-queue.js';

const skipReason = await probePostgres();

describe.skipIf(skipReason !== undefined)(postgresSuiteTitle('createPgBossJobQueue', skipReason), () => {
  const { schemas, newSchema, dropAll } = createSchemaTracker();
  const admin = createTestPool({ max: 2 });
  const queues: Array<{ shutdown(): Promise<void> }> = [];
  const createQueue = (config: Partial<PgBossJobQueueConfig> = {}) => {
    const queue = createPgBossJobQueue({ connectionString: postgresTestUrl, schema: newSchema(), pollingIntervalSeconds: 0.5, onError: () => undefined, ...config });
    queues.push(queue);
    return queue;
  };
  /** pg-boss itself, on the queue's schema, to look at what the queue stored. */
  const inspect = (schema: string) => new PgBoss({ schema, db: { executeSql: (text: string, values?: unknown[]) => admin.query(text, values as unknown[]) } });
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.shutdown()));
    await admin.end();
    await dropAll();
  });

  it('runs a job sent twice with the same singleton key exactly once, across two worker processes', { timeout: 120_000 }, async () => {
    const schema = newSchema();
    const runsSchema = newSchema();
    await admin.query(`create schema ${runsSchema}; create table ${runsSchema}.runs (job_id text, process text, model text)`);
    // Create pg-boss's schema first, so that both processes start on an installed one.
    const setup = createPgBossJobQueue({ connectionString: postgresTestUrl, schema });
    await setup.send('warm-up', {});
    await setup.shutdown();
    const script = fileURLToPath(new URL('./pg-boss-worker.test-script.ts', import.meta.url));
    const startAt = Date.now() + 8000;
    const results = await Promise.all(
      ['1', '2'].map((index) =>
        runTypeScript(
          script,
          {
            DW_POSTGRES_URL: postgresTestUrl,
            DW_SCHEMA: schema,
            DW_RUNS_TABLE: `${runsSchema}.runs`,
            DW_PROCESS: index,
            DW_START_AT: String(startAt),
            DW_STOP_AT: String(startAt + 6000),
          },
          100_000,
        ),
      ),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const sent = results.map((result) => (JSON.parse(result.stdout) as { sent: string | null }).sent);
    expect(sent.filter((id) => id !== null)).toHaveLength(1);
    const { rows } = await admin.query<{ job_id: string; model: string }>(`select job_id, model from ${runsSchema}.runs`);
    expect(rows).toEqual([{ job_id: sent.find((id) => id !== null), model: 'churn' }]);
  });

  it('refuses a second job with the same name and key while one is queued or running, and accepts one after it completed', { timeout: 30_000 }, async () => {
    const queue = createQueue();
    const other = createQueue({ schema: schemas.at(-1)! });
    const first = await queue.send('retrain', { model: 'churn' }, { singletonKey: 'churn' });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await other.send('retrain', { model: 'churn' }, { singletonKey: 'churn' })).toBeUndefined();
    // Another key, another name, or no key at all is another job.
    expect(await other.send('retrain', { model: 'fraud' }, { singletonKey: 'fraud' })).toBeDefined();
    expect(await other.send('evaluate', { model: 'churn' }, { singletonKey: 'churn' })).toBeDefined();
    expect(await queue.send('retrain', {})).toBeDefined();
    expect(await queue.send('retrain', {})).toBeDefined();

    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    const ran: unknown[] = [];
    await queue.work('retrain', async (job) => {
      ran.push(job.payload);
      if ((job.payload as { model?: string }).model === 'churn') await running;
    });
    await expect.poll(() => ran.some((payload) => (payload as { model?: string }).model === 'churn'), { timeout: 10_000 }).toBe(true);
    expect(await other.send('retrain', { model: 'churn' }, { singletonKey: 'churn' })).toBeUndefined();
    release();
    await expect.poll(() => other.send('retrain', { model: 'churn', again: true }, { singletonKey: 'churn' }), { timeout: 10_000, interval: 300 }).toBeDefined();
    await expect.poll(() => ran.length, { timeout: 10_000 }).toBe(5);
  });

  it('retries a failing handler retryLimit times, reporting each attempt, then fails the job', { timeout: 30_000 }, async () => {
    const attempts: Array<{ job: Job | undefined; attempt: number | undefined; message: string }> = [];
    const queue = createQueue({
      retryLimit: 2,
      retryDelaySeconds: 0,
      onError: (error, job, attempt) => attempts.push({ job, attempt, message: (error as Error).message }),
    });
    const schema = schemas.at(-1)!;
    await queue.work<number[]>('flaky', async (job) => {
      throw new Error(`attempt failed for ${job.payload.join(',')}`);
    });
    const id = await queue.send('flaky', [1, 2, 3]);
    await expect.poll(() => attempts.length, { timeout: 15_000 }).toBe(3);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(attempts[0]).toMatchObject({ job: { id, name: 'flaky', payload: [1, 2, 3] }, message: 'attempt failed for 1,2,3' });
    await expect.poll(async () => (await inspect(schema).getJobById('flaky', id!))?.state, { timeout: 5000 }).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts).toHaveLength(3);
  });

  it('registers a UTC cron schedule in pg-boss, replaced when scheduled again, and refuses an invalid expression', async () => {
    const queue = createQueue();
    const schema = schemas.at(-1)!;
    await queue.schedule('retrain', '0 3 * * *', { model: 'churn' });
    expect(await inspect(schema).getSchedules()).toEqual([
      expect.objectContaining({ name: 'retrain', cron: '0 3 * * *', timezone: 'UTC', data: { payload: { model: 'churn' } } }),
    ]);
    await queue.schedule('retrain', '30 2 * * 0', { model: 'churn', weekly: true });
    expect(await inspect(schema).getSchedules()).toEqual([
      expect.objectContaining({ name: 'retrain', cron: '30 2 * * 0', data: { payload: { model: 'churn', weekly: true } } }),
    ]);
    const error = await queue.schedule('retrain', 'every day', {}).catch((rejection: unknown) => rejection);
    expect(DriftwatchError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT');
  });

  it('carries any JSON payload, and delays a job by startAfterSeconds', { timeout: 30_000 }, async () => {
    const queue = createQueue();
    const received: Array<{ payload: unknown; at: number }> = [];
    await queue.work('echo', async (job) => {
      received.push({ payload: job.payload, at: Date.now() });
    });
    const sentAt = Date.now();
    await queue.send('echo', 'a string');
    await queue.send('echo', [1, 'two', null]);
    await queue.send('echo', { nested: { value: 1.5 } }, { startAfterSeconds: 2 });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(3);
    expect(received.map((entry) => entry.payload)).toEqual(['a string', [1, 'two', null], { nested: { value: 1.5 } }]);
    expect(received[2]!.at - sentAt).toBeGreaterThanOrEqual(1900);
  });

  it('waits for a running job on shutdown, never ends a pool it was given, and then refuses every method', { timeout: 30_000 }, async () => {
    const pool = new pg.Pool({ connectionString: postgresTestUrl, max: 3 });
    const queue = createQueue({ connectionString: undefined, pool });
    let finished = false;
    let started = false;
    await queue.work('slow', async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      finished = true;
    });
    await queue.send('slow', {});
    await expect.poll(() => started, { timeout: 10_000 }).toBe(true);
    await queue.shutdown();
    expect(finished).toBe(true);
    await queue.shutdown();
    for (const call of [() => queue.send('slow', {}), () => queue.work('slow', async () => undefined), () => queue.schedule('slow', '* * * * *', {})]) {
      const error = await call().catch((rejection: unknown) => rejection);
      expect(DriftwatchError.isInstance(error) && error.code).toBe('SHUTDOWN');
    }
    expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('fails a job still running when the shutdown timeout ends, so that another process retries it at once', { timeout: 30_000 }, async () => {
    const first = createQueue({ shutdownTimeoutMillis: 300, retryLimit: 1 });
    const schema = schemas.at(-1)!;
    let release!: () => void;
    let started = false;
    await first.work('long', async () => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
    });
    const id = await first.send('long', { step: 'train' });
    await expect.poll(() => started, { timeout: 10_000 }).toBe(true);
    const stoppedAt = Date.now();
    await first.shutdown();
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    const second = createQueue({ schema });
    const retried: Job[] = [];
    await second.work('long', async (job) => {
      retried.push(job);
    });
    await expect.poll(() => retried.length, { timeout: 10_000 }).toBe(1);
    expect(retried[0]).toEqual({ id, name: 'long', payload: { step: 'train' } });
    release(); // the abandoned handler's late result changes nothing
    await expect.poll(async () => (await inspect(schema).getJobById('long', id!))?.state, { timeout: 5000 }).toBe('completed');
  });

  it('rejects invalid configuration with INVALID_ARGUMENT', () => {
    expect(errorCode(() => createPgBossJobQueue({}))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPgBossJobQueue({ connectionString: postgresTestUrl, schema: 'bad-name' }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPgBossJobQueue({ connectionString: postgresTestUrl, pollingIntervalSeconds: 0.1 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPgBossJobQueue({ connectionString: postgresTestUrl, expireInSeconds: 86_400 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => createPgBossJobQueue({ connectionString: postgresTestUrl, retryLimit: -1 }))).toBe('INVALID_ARGUMENT');
  });
});
