// `npm run bench -w @driftwatch/adapters`: storage benchmarks against the built packages.
//
// 1. Sustained ingest of predictions with 20 features into SQLite and PostgreSQL, through core's
//    prediction logger (the path a service takes), next to direct batched `writePredictions`
//    and a raw-driver baseline measured in the same run:
//    - SQLite: one reused better-sqlite3 prepared statement, one row per `run`, all rows in one
//      transaction: the fastest way to put these rows into this table, so the ratio is the
//      price of the logger, kysely and validation.
//    - PostgreSQL: the same multi-row `INSERT … ON CONFLICT DO NOTHING` statements sent with pg
//      directly, in one transaction. COPY would be faster but cannot skip duplicate ids, and
//      needs pg-copy-streams; the baseline shares our protocol costs and isolates our overhead.
// 2. One Monitor check over an hour of minute profiles at 1k predictions/s (60 profiles of 60k
//    predictions each, built with drift's profileDataset): `monitor.runChecks()` reads, merges
//    and compares them. Cold: a new store, which parses every profile; steady state: the same
//    store again, as when the Monitor re-checks the hour every minute (its profile cache holds
//    the parsed profiles). Baseline: merging and comparing the same profiles in memory.
//
// Environment: DRIFTWATCH_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test);
// PostgreSQL rows are skipped, with a note, when it is unreachable. DRIFTWATCH_BENCH_ONLY=ingest
// or =check runs one part.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createBaseline, createMonitor, createPredictionId, createPredictionLogger } from '@driftwatch/core';
import { compareProfiles, createProfileSpec, mergeProfiles, profileDataset } from '@driftwatch/drift';
import { createPostgresEventStore, createSqliteEventStore } from '@driftwatch/adapters';
import { measure, report, seededUniform as seeded } from '../../../scripts/bench/harness.mjs';

const postgresUrl = process.env.DRIFTWATCH_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.env.DRIFTWATCH_BENCH_ONLY;
const runIngest = only === undefined || only === 'ingest';
const runCheck = only === undefined || only === 'check';
const ingestCount = 100_000;
const directBatchSize = 512; // the logger's default maxBatchSize
const numericFeatures = 15;
const categoricalFeatures = 5;
const categories = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
const notes = {};
const rows = [];
const directory = mkdtempSync(join(tmpdir(), 'driftwatch-bench-'));
let fileCount = 0;
const nextFile = () => join(directory, `bench-${++fileCount}.db`);


function features(random, shift = 0) {
  const values = {};
  for (let column = 0; column < numericFeatures; column++) values[`numeric${column}`] = Math.round((random() * (column + 1) * 10 + shift) * 1000) / 1000;
  for (let column = 0; column < categoricalFeatures; column++) values[`category${column}`] = categories[Math.floor(random() * categories.length)];
  return values;
}

function predictionInputs(count, seed) {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const score = random();
    return {
      modelName: 'bench',
      modelVersion: '1',
      features: features(random),
      prediction: { score, label: score > 0.5 ? 'Yes' : 'No' },
      latencyMillis: 1 + random() * 20,
    };
  });
}

function makeBaseline() {
  const reference = predictionInputs(20_000, 7);
  return createBaseline({
    modelName: 'bench',
    version: '1',
    data: reference.map((input) => input.features),
    predictions: reference.map((input) => input.prediction),
    metrics: { accuracy: 0.8 },
  });
}

const inputs = predictionInputs(ingestCount, 1);
const baseline = makeBaseline();

/** Logs every input through core's logger as fast as the buffer allows, until the store confirmed all. */
async function ingestThroughLogger(store, loggerOptions = {}) {
  let storeErrors = 0;
  const logger = createPredictionLogger({
    store,
    baseline,
    maxQueueSize: 20_000,
    retentionDays: false,
    onError: () => storeErrors++,
    ...loggerOptions,
  });
  const started = performance.now();
  for (const input of inputs) {
    while (logger.counters.buffered >= 19_000) await yieldToEventLoop();
    logger.log(input);
  }
  await logger.forceFlush();
  const elapsed = performance.now() - started;
  await logger.shutdown();
  const { written, dropped, failed } = logger.counters;
  if (written !== ingestCount || dropped !== 0 || failed !== 0 || storeErrors !== 0) {
    throw new Error(`logger ingest lost records: ${JSON.stringify({ ...logger.counters, storeErrors })}`);
  }
  return elapsed;
}

function recordsWithIds() {
  const now = Date.now();
  return inputs.map((input) => ({ ...input, id: createPredictionId(now), timestamp: new Date(now) }));
}

async function ingestDirect(store, records) {
  const started = performance.now();
  for (let start = 0; start < records.length; start += directBatchSize) await store.writePredictions(records.slice(start, start + directBatchSize));
  return performance.now() - started;
}

const columns = ['id', 'model_name', 'model_version', 'segment', 'timestamp', 'features', 'prediction', 'latency_millis', 'request_id', 'status', 'error_message', 'cache_hit'];
const rawRow = (record, timestamp) => [
  record.id,
  record.modelName,
  record.modelVersion,
  '',
  timestamp,
  JSON.stringify(record.features),
  JSON.stringify(record.prediction),
  record.latencyMillis,
  null,
  null,
  null,
  null,
];

/** Median predictions per second over `runs` runs, each into a fresh store. */
async function throughput(run, runs = 3) {
  const samples = [];
  for (let index = 0; index < runs + 1; index++) {
    globalThis.gc?.();
    const millis = await run();
    if (index > 0) samples.push(ingestCount / (millis / 1000)); // the first run warms up
  }
  samples.sort((left, right) => left - right);
  return samples[Math.floor(samples.length / 2)];
}

function ingestRows(backend, viaLogger, direct, raw, target) {
  const baselineRow = { name: raw.name, value: raw.value, unit: 'predictions/s' };
  rows.push(
    { name: `${backend} ingest via logger (20 features)`, value: viaLogger, unit: 'predictions/s', baseline: baselineRow, ratio: viaLogger / raw.value, target: `≥ ${target}`, pass: viaLogger >= target },
    { name: `${backend} ingest, direct writePredictions × ${directBatchSize}`, value: direct, unit: 'predictions/s', baseline: baselineRow, ratio: direct / raw.value, target: `≥ ${target}`, pass: direct >= target },
  );
}

// SQLite ------------------------------------------------------------------------------------

async function freshSqliteStore() {
  const store = createSqliteEventStore({ filename: nextFile() });
  await store.migrate();
  return store;
}

if (runIngest) {
  const viaLogger = await throughput(async () => {
    const store = await freshSqliteStore();
    const millis = await ingestThroughLogger(store);
    await store.shutdown();
    return millis;
  });
  const direct = await throughput(async () => {
    const store = await freshSqliteStore();
    const millis = await ingestDirect(store, recordsWithIds());
    await store.shutdown();
    return millis;
  });
  const raw = await throughput(async () => {
    const filename = nextFile();
    const store = createSqliteEventStore({ filename });
    await store.migrate();
    await store.shutdown();
    const database = new Database(filename);
    database.pragma('journal_mode = wal');
    const records = recordsWithIds();
    const started = performance.now();
    const statement = database.prepare(
      `insert into driftwatch_predictions (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict do nothing`,
    );
    database.transaction(() => {
      for (const record of records) statement.run(rawRow(record, record.timestamp.getTime()));
    })();
    const millis = performance.now() - started;
    database.close();
    return millis;
  });
  ingestRows('SQLite', viaLogger, direct, { name: 'raw better-sqlite3 prepared insert, one transaction', value: raw }, 50_000);
}

// PostgreSQL --------------------------------------------------------------------------------

async function postgresReachable() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch (error) {
    notes.postgres = `skipped: PostgreSQL unreachable at ${postgresUrl} (${error.message})`;
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const schemas = [];
async function freshPostgresStore() {
  const schema = `dw_bench_${randomBytes(5).toString('hex')}`;
  schemas.push(schema);
  const store = createPostgresEventStore({ connectionString: postgresUrl, schema });
  await store.migrate();
  return { store, schema };
}

async function dropBenchSchemas() {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}

const postgresAvailable = await postgresReachable();
if (postgresAvailable && runIngest) {
  const viaLogger = await throughput(async () => {
    const { store } = await freshPostgresStore();
    const millis = await ingestThroughLogger(store);
    await store.shutdown();
    await dropBenchSchemas();
    return millis;
  });
  const largeBatches = await throughput(async () => {
    const { store } = await freshPostgresStore();
    const millis = await ingestThroughLogger(store, { maxBatchSize: 4096 });
    await store.shutdown();
    await dropBenchSchemas();
    return millis;
  });
  const direct = await throughput(async () => {
    const { store } = await freshPostgresStore();
    const millis = await ingestDirect(store, recordsWithIds());
    await store.shutdown();
    await dropBenchSchemas();
    return millis;
  });
  const raw = await throughput(async () => {
    const { store, schema } = await freshPostgresStore();
    await store.shutdown();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    const records = recordsWithIds();
    const rowsPerStatement = Math.floor(65_535 / columns.length);
    const statementFor = (count) =>
      `insert into "${schema}".driftwatch_predictions (${columns.join(', ')}) values ${Array.from(
        { length: count },
        (_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
      ).join(', ')} on conflict do nothing`;
    const started = performance.now();
    await client.query('begin');
    for (let start = 0; start < records.length; start += rowsPerStatement) {
      const chunk = records.slice(start, start + rowsPerStatement);
      await client.query(statementFor(chunk.length), chunk.flatMap((record) => rawRow(record, record.timestamp)));
    }
    await client.query('commit');
    const millis = performance.now() - started;
    await client.end();
    await dropBenchSchemas();
    return millis;
  });
  ingestRows('PostgreSQL', viaLogger, direct, { name: 'raw pg multi-row insert, one transaction', value: raw }, 20_000);
  rows.push({
    name: 'PostgreSQL ingest via logger, maxBatchSize 4096',
    value: largeBatches,
    unit: 'predictions/s',
    baseline: { name: 'raw pg multi-row insert, one transaction', value: raw, unit: 'predictions/s' },
    ratio: largeBatches / raw,
    target: '≥ 20000',
    pass: largeBatches >= 20_000,
  });
}

// One check over an hour of minute profiles -------------------------------------------------

const hourStart = Date.UTC(2026, 0, 5, 9, 0, 0);
const hourEnd = hourStart + 3_600_000;
const latencySpec = createProfileSpec({ latencyMillis: [0.5, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000] }, { numeric: ['latencyMillis'] });

function minuteProfiles() {
  const spec = baseline.profile.spec;
  const perMinute = 60_000;
  return Array.from({ length: 60 }, (_, minute) => {
    const random = seeded(1000 + minute);
    const columnsOf = {};
    for (let column = 0; column < numericFeatures; column++) columnsOf[`numeric${column}`] = new Float64Array(perMinute);
    for (let column = 0; column < categoricalFeatures; column++) columnsOf[`category${column}`] = new Array(perMinute);
    const score = new Float64Array(perMinute);
    const label = new Array(perMinute);
    const latency = new Float64Array(perMinute);
    for (let row = 0; row < perMinute; row++) {
      // A slow drift over the hour, so the check has something to find.
      for (let column = 0; column < numericFeatures; column++) columnsOf[`numeric${column}`][row] = random() * (column + 1) * 10 + minute / 10;
      for (let column = 0; column < categoricalFeatures; column++) columnsOf[`category${column}`][row] = categories[Math.floor(random() * categories.length)];
      score[row] = random();
      label[row] = score[row] > 0.5 ? 'Yes' : 'No';
      latency[row] = 1 + random() * 20;
    }
    return {
      id: `bench-minute-${minute}`,
      modelName: 'bench',
      modelVersion: '1',
      segment: '',
      windowStart: new Date(hourStart + minute * 60_000),
      windowSeconds: 60,
      replicaId: 'bench',
      requestCount: perMinute,
      errorCount: 0,
      profile: profileDataset(spec, { ...columnsOf, 'prediction.score': score, 'prediction.label': label }),
      latency: profileDataset(latencySpec, { latencyMillis: latency }),
    };
  });
}

const buildStarted = performance.now();
const hour = runCheck ? minuteProfiles() : [];
notes.hourOfProfiles = `60 minute profiles of 60,000 predictions (20 features + score + label) built with profileDataset in ${Math.round(performance.now() - buildStarted)} ms`;

const inMemory = !runCheck ? { medianMillis: NaN } : await measure(() => compareProfiles(baseline.profile, mergeProfiles(...hour.map((record) => record.profile))));
const inMemoryRow = { name: 'mergeProfiles + compareProfiles in memory', value: inMemory.medianMillis, unit: 'ms' };

async function checkRow(backend, store, openStore) {
  await store.writeBaseline(baseline);
  await store.writeWindowProfiles(hour);
  // Cold: a store that has parsed none of the profiles yet, as on a Monitor's first run.
  const coldSamples = [];
  for (let run = 0; run < 6; run++) {
    const fresh = await openStore();
    await fresh.listModels(); // connect (or open the file) outside the timing
    const monitor = createMonitor({ store: fresh, baseline, windowSeconds: 3600, onError: () => undefined });
    globalThis.gc?.();
    const started = performance.now();
    await monitor.runChecks({ at: new Date(hourEnd) });
    if (run > 0) coldSamples.push(performance.now() - started);
    await monitor.shutdown();
    await fresh.shutdown();
  }
  coldSamples.sort((left, right) => left - right);
  const coldMillis = coldSamples[Math.floor(coldSamples.length / 2)];
  const monitor = createMonitor({ store, baseline, windowSeconds: 3600, onError: () => undefined });
  const range = { modelName: 'bench', from: new Date(hourStart), to: new Date(hourEnd) };
  const read = await measure(() => store.readWindowProfiles(range));
  let result;
  const timing = await measure(async () => {
    result = await monitor.runChecks({ at: new Date(hourEnd) });
  });
  await monitor.shutdown();
  if (result.windowProfileCount !== 60 || result.errors.length > 0) {
    throw new Error(`the ${backend} check did not read the hour: ${JSON.stringify({ count: result.windowProfileCount, errors: result.errors })}`);
  }
  rows.push({ name: `${backend}: readWindowProfiles of the hour (part of the check)`, value: read.medianMillis, unit: 'ms' });
  rows.push({
    name: `${backend}: monitor.runChecks(), cold (profiles not yet parsed)`,
    value: coldMillis,
    unit: 'ms',
    baseline: inMemoryRow,
    ratio: coldMillis / inMemory.medianMillis,
    target: '≤ 100 ms',
    pass: coldMillis <= 100,
  });
  rows.push({
    name: `${backend}: monitor.runChecks() over 60 minute profiles, steady state`,
    value: timing.medianMillis,
    unit: 'ms',
    baseline: inMemoryRow,
    ratio: timing.medianMillis / inMemory.medianMillis,
    target: '≤ 100 ms',
    pass: timing.medianMillis <= 100,
  });
}

if (runCheck) {
  const filename = nextFile();
  const store = createSqliteEventStore({ filename });
  await store.migrate();
  await checkRow('SQLite', store, async () => createSqliteEventStore({ filename }));
  await store.shutdown();
}
if (postgresAvailable && runCheck) {
  const { store, schema } = await freshPostgresStore();
  await checkRow('PostgreSQL', store, async () => createPostgresEventStore({ connectionString: postgresUrl, schema }));
  await store.shutdown();
  await dropBenchSchemas();
}

rmSync(directory, { recursive: true, force: true });
notes.ingest = `${ingestCount.toLocaleString('en')} predictions per run, median of 3 runs after a warm-up, each into a fresh file or schema; logger with the baseline's window profiles on, maxQueueSize 20,000, other settings default`;
report('adapters', rows, notes);
