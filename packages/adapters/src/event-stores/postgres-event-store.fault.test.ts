import { createPredictionLogger, type DriftwatchError } from '@driftwatch/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createSchemaName, dropSchemas, postgresSuiteTitle, postgresTestUrl, probePostgres } from './postgres-test-database.test-helper.js';
import { startTcpProxy } from './tcp-proxy.test-helper.js';

const skipReason = await probePostgres();
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

describe.skipIf(skipReason !== undefined)(postgresSuiteTitle('PostgreSQL event store behind a failing network', skipReason), () => {
  const schema = createSchemaName();
  afterAll(() => dropSchemas([schema]));

  it('delivers every prediction the logger accepted during an outage, and counts the ones it dropped', { timeout: 120_000 }, async () => {
    const target = new URL(postgresTestUrl);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxiedUrl = new URL(postgresTestUrl);
    proxiedUrl.hostname = '127.0.0.1';
    proxiedUrl.port = String(proxy.port);

    const connectionErrors: Error[] = [];
    const store = createPostgresEventStore({
      connectionString: proxiedUrl.toString(),
      schema,
      connectionTimeoutMillis: 1000,
      onError: (error) => connectionErrors.push(error),
    });
    await store.migrate();
    const loggerErrors: DriftwatchError[] = [];
    const logger = createPredictionLogger({
      store,
      maxQueueSize: 4000,
      maxBatchSize: 500,
      flushIntervalMillis: 50,
      writeTimeoutMillis: 3000,
      initialRetryDelayMillis: 100,
      maxRetryDelayMillis: 500,
      maxRetries: 1000,
      maxRetryMillis: 120_000,
      flushTimeoutMillis: 30_000,
      retentionDays: false,
      onError: (error) => loggerErrors.push(error),
    });

    const accepted = new Set<string>();
    let logged = 0;
    // About 2,000 predictions a second, in 10 ms ticks, as a busy service would log them.
    const logFor = async (millis: number) => {
      const end = Date.now() + millis;
      while (Date.now() < end) {
        for (let index = 0; index < 20; index++) {
          const dropped = logger.counters.dropped;
          const id = logger.log({
            modelName: 'churn',
            modelVersion: '1',
            features: { tenure: logged % 72, plan: logged % 3 === 0 ? 'pro' : 'basic', charges: logged / 7 },
            prediction: { score: (logged % 100) / 100 },
            latencyMillis: 1 + (logged % 10),
          });
          logged++;
          if (logger.counters.dropped === dropped) accepted.add(id);
        }
        await sleep(10);
      }
    };

    await logFor(1000);
    await proxy.cut();
    await logFor(4000);
    const droppedDuringOutage = logger.counters.dropped;
    await proxy.restore();
    await logFor(1500);
    await logger.shutdown();
    await store.shutdown();

    const counters = logger.counters;
    expect(droppedDuringOutage).toBeGreaterThan(0);
    expect(counters.storeErrors).toBeGreaterThan(0);
    expect(counters.failed).toBe(0);
    expect(counters.queued).toBe(accepted.size);
    expect(counters.dropped).toBe(logged - accepted.size);
    expect(counters.written).toBe(accepted.size);

    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    const { rows } = await admin.query<{ id: string }>(`select id from "${schema}".driftwatch_predictions`);
    await admin.end();
    const stored = new Set(rows.map((row) => row.id));
    expect(stored.size).toBe(accepted.size);
    expect([...accepted].filter((id) => !stored.has(id))).toEqual([]);
    await proxy.close();
  });
});
