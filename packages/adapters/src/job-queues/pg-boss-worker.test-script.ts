// Run in child processes by pg-boss-job-queue.test.ts: a worker process with its own JobQueue
// that, at the same instant as the others, sends the same job with the same singleton key, runs
// whatever job it is handed (recording the run in a table), and shuts down at a given time.
import pg from 'pg';
import { createPgBossJobQueue } from './pg-boss-job-queue.js';

const { DW_POSTGRES_URL, DW_SCHEMA, DW_RUNS_TABLE, DW_PROCESS, DW_START_AT, DW_STOP_AT } = process.env;
const waitUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

const recorder = new pg.Pool({ connectionString: DW_POSTGRES_URL, max: 1 });
const queue = createPgBossJobQueue({ connectionString: DW_POSTGRES_URL!, schema: DW_SCHEMA!, pollingIntervalSeconds: 0.5, retryLimit: 0 });
await queue.work<{ model: string }>('retrain', async (job) => {
  // Long enough that the job is still queued or running when the other process sends.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await recorder.query(`insert into ${DW_RUNS_TABLE} (job_id, process, model) values ($1, $2, $3)`, [job.id, DW_PROCESS, job.payload.model]);
});
await waitUntil(Number(DW_START_AT));
const sent = await queue.send('retrain', { model: 'churn' }, { singletonKey: 'churn' });
await waitUntil(Number(DW_STOP_AT));
await queue.shutdown();
await recorder.end();
process.stdout.write(JSON.stringify({ sent: sent ?? null }));
