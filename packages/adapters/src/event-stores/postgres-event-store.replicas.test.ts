import { fileURLToPath } from 'node:url';
import { createBaseline, type PredictionInput, type PredictionLoggerCounters, type WindowProfileRecord } from '@driftwatch/core';
import { mergeProfiles, profileDataset, type DatasetProfile } from '@driftwatch/drift';
import { afterAll, describe, expect, it } from 'vitest';
import { runTypeScript } from './child-process.test-helper.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createSchemaName, dropSchemas, postgresSuiteTitle, postgresTestUrl, probePostgres } from './postgres-test-database.test-helper.js';
import { baselineRows, replicaTraffic, trafficMinutes, trafficStart } from './replica-traffic.test-helper.js';

const skipReason = await probePostgres();
const script = fileURLToPath(new URL('./log-replica-traffic.test-script.ts', import.meta.url));
const replicas = [
  { id: 'replica-a', seed: 11, count: 6000 },
  { id: 'replica-b', seed: 22, count: 4500 },
];

describe.skipIf(skipReason !== undefined)(postgresSuiteTitle('PostgreSQL event store with several replicas', skipReason), () => {
  const schema = createSchemaName();
  afterAll(() => dropSchemas([schema]));

  it('merges the window profiles that two processes logged into the profile of their union', { timeout: 120_000 }, async () => {
    const store = createPostgresEventStore({ connectionString: postgresTestUrl, schema });
    await store.migrate();
    const reference = baselineRows();
    const baseline = createBaseline({
      modelName: 'churn',
      version: '1',
      data: reference.rows,
      predictions: reference.predictions,
      features: {
        tenure: { kind: 'numeric' },
        monthlyCharges: { kind: 'numeric' },
        totalCharges: { kind: 'numeric' },
        plan: { kind: 'categorical' },
        paperless: { kind: 'categorical' },
      },
    });
    await store.writeBaseline(baseline);

    const results = await Promise.all(
      replicas.map((replica) =>
        runTypeScript(script, {
          DW_POSTGRES_URL: postgresTestUrl,
          DW_SCHEMA: schema,
          DW_REPLICA_ID: replica.id,
          DW_SEED: String(replica.seed),
          DW_COUNT: String(replica.count),
        }),
      ),
    );
    results.forEach((result, index) => {
      expect(result.code, result.stderr).toBe(0);
      const counters = JSON.parse(result.stdout) as PredictionLoggerCounters;
      expect(counters).toMatchObject({ queued: replicas[index]!.count, written: replicas[index]!.count, dropped: 0, failed: 0 });
    });

    const traffic = replicas.flatMap((replica) => replicaTraffic(replica.id, replica.seed, replica.count));
    const range = { modelName: 'churn', from: new Date(trafficStart), to: new Date(trafficStart + trafficMinutes * 60_000) };
    const stored = await store.readPredictions({ ...range, limit: 20_000 });
    expect(stored).toHaveLength(traffic.length);

    const records = await store.readWindowProfiles(range);
    expect(new Set(records.map((record) => record.replicaId))).toEqual(new Set(replicas.map((replica) => replica.id)));
    const windows = groupBy(records, (record) => record.windowStart.getTime());
    expect([...windows.keys()]).toEqual(Array.from({ length: trafficMinutes }, (_, minute) => trafficStart + minute * 60_000));
    for (const [windowStart, windowRecords] of windows) {
      const inWindow = traffic.filter((input) => input.timestamp!.getTime() - windowStart < 60_000 && input.timestamp!.getTime() >= windowStart);
      expect(sum(windowRecords.map((record) => record.requestCount))).toBe(inWindow.length);
      expect(sum(windowRecords.map((record) => record.errorCount))).toBe(inWindow.filter((input) => input.status === 'error').length);
      expectSameProfile(mergeProfiles(...windowRecords.map((record) => record.profile)), profileDataset(baseline.profile.spec, inWindow.map(profileRow)));
      const latencySpec = windowRecords[0]!.latency.spec;
      expectSameProfile(
        mergeProfiles(...windowRecords.map((record) => record.latency)),
        profileDataset(latencySpec, { latencyMillis: inWindow.map((input) => input.latencyMillis ?? null) }),
      );
    }
    await store.shutdown();
  });
});

function profileRow(input: PredictionInput): Record<string, unknown> {
  return { ...input.features, 'prediction.score': input.prediction.score, 'prediction.label': input.prediction.label };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Counts, histograms, sketches and categories exactly; mean and m2 within 1e-9 relative. */
function expectSameProfile(actual: DatasetProfile, expected: DatasetProfile): void {
  expect(actual.spec.fingerprint).toBe(expected.spec.fingerprint);
  expect(actual.rowCount).toBe(expected.rowCount);
  actual.columns.forEach((column, index) => {
    const other = expected.columns[index]!;
    const name = expected.spec.columns[index]!.name;
    if (column.kind === 'numeric' && other.kind === 'numeric') {
      const { mean, m2, ...exact } = column;
      const { mean: expectedMean, m2: expectedM2, ...expectedExact } = other;
      expect(exact, name).toEqual(expectedExact);
      expect(Math.abs(mean - expectedMean), `${name} mean`).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, Math.abs(expectedMean)));
      expect(Math.abs(m2 - expectedM2), `${name} m2`).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, Math.abs(expectedM2)));
    } else {
      expect(column, name).toEqual(other);
    }
  });
}
