// `npm run bench -w @driftwatch/dashboard`: first render of every dashboard page against the
// built packages, with a real SQLite event store holding 1,000,000 logged predictions.
//
// The database: a day of traffic of one model (about 694 predictions a minute, ten features,
// 90 % on version 1 and 10 % on version 2, 5 % of them labelled), logged through core's
// prediction logger, so it also holds the day's 1,440 minute profiles; then a real Monitor run
// every minute of the day (all six checks, ~33 check results per run) and a per-version
// performance Monitor every 15 minutes. Building it takes a few minutes, so the file is cached in
// os.tmpdir() and reused while its recipe (`recipeVersion`) is unchanged.
//
// A "first render" is what a browser does when a page is opened: GET the HTML shell, then the
// page's JSON (`api/<page>`; the performance page also fetches `api/performance/roc`), over real
// HTTP to a node:http server. Cold: the first render of each page right after the store was
// opened (its profile cache empty, the OS file cache warm). Warm: the median of 7 more.
// Baseline: a raw `store.readPredictions({ limit: 100 })` on the same store.
//
// Environment: DRIFTWATCH_BENCH_DASHBOARD_DB overrides the database path.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createBaseline, createMonitor, createPredictionLogger } from '@driftwatch/core';
import * as adapters from '@driftwatch/adapters';
import { createDashboard } from '@driftwatch/dashboard';
import { measure, report, seededUniform as seeded } from '../../../scripts/bench/harness.mjs';

const recipeVersion = 1;
const predictionCount = 1_000_000;
const modelName = 'bench';
const dayMillis = 86_400_000;
const targetMillis = 500;
const databasePath = process.env.DRIFTWATCH_BENCH_DASHBOARD_DB ?? join(tmpdir(), `driftwatch-dashboard-bench-v${recipeVersion}.db`);
const metaPath = `${databasePath}.json`;
const categories = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];


function features(random, shift) {
  const values = {};
  for (let column = 0; column < 6; column++) values[`numeric${column}`] = Math.round((random() * (column + 1) * 10 + shift * (column + 1)) * 100) / 100;
  for (let column = 0; column < 4; column++) values[`category${column}`] = categories[Math.floor(Math.min(0.999, random() * (1 + shift * 0.2)) * categories.length)];
  return values;
}

function scoreOf(values) {
  return 1 / (1 + Math.exp(-((values.numeric0 - 5) / 3 + (values.category0 === 'alpha' ? 0.8 : 0))));
}

/** A clock whose time the builder moves by hand; its timers never fire (the builder flushes itself). */
function manualClock(startMillis) {
  let now = startMillis;
  return {
    now: () => now,
    set: (millis) => (now = millis),
    setTimeout: () => ({ cancel() {} }),
    setInterval: () => ({ cancel() {} }),
  };
}

function openStores(path) {
  const eventStore = adapters.createSqliteEventStore({ filename: path });
  const registryStore = typeof adapters.createSqliteRegistryStore === 'function' ? adapters.createSqliteRegistryStore({ filename: path }) : benchRegistry();
  return { eventStore, registryStore };
}

/** Used only while the built adapters have no SQLite registry store yet: the reads the dashboard makes, from memory. */
function benchRegistry() {
  const aliases = [
    { modelName, alias: 'champion', version: 1, updatedAt: new Date(0) },
    { modelName, alias: 'challenger', version: 2, updatedAt: new Date(0) },
  ];
  return {
    migrate: async () => {},
    listModelNames: async () => [modelName],
    listAliases: async () => aliases,
    readAlias: async (_name, alias) => aliases.find((record) => record.alias === alias),
    readAliasHistory: async () => [
      { modelName, alias: 'champion', toVersion: 1, actor: 'bench', reason: 'first', evidence: {}, at: new Date(0), sequence: 1 },
      { modelName, alias: 'challenger', toVersion: 2, actor: 'bench', reason: 'retrained', evidence: {}, at: new Date(0), sequence: 1 },
    ],
    readRoutingConfig: async () => ({ modelName, weights: { champion: 0.9, challenger: 0.1 }, killSwitch: false, salt: 'bench', updatedAt: new Date(0) }),
    readModelVersion: async (_name, version) => ({ modelName, version, artifact: { flavor: 'bench', formatVersion: 1 }, params: {}, metrics: { auc: 0.8 }, tags: {}, createdAt: new Date(0) }),
    listRuns: async () => [],
    moveAlias: async () => {
      throw new Error('read-only bench registry');
    },
    shutdown: async () => {},
  };
}

async function buildDatabase() {
  rmSync(databasePath, { force: true });
  rmSync(`${databasePath}-wal`, { force: true });
  rmSync(`${databasePath}-shm`, { force: true });
  const endMillis = Math.floor(Date.now() / 60_000) * 60_000;
  const startMillis = endMillis - dayMillis;
  const clock = manualClock(startMillis);
  const { eventStore, registryStore } = openStores(databasePath);
  await eventStore.migrate();
  await registryStore.migrate();
  const random = seeded(7);
  const reference = Array.from({ length: 20_000 }, () => features(random, 0));
  const baseline = createBaseline({
    modelName,
    version: '1',
    data: reference,
    predictions: reference.map((values) => {
      const score = scoreOf(values);
      return { score, label: score > 0.5 ? 'Yes' : 'No' };
    }),
    metrics: { accuracy: 0.8, precision: 0.7, recall: 0.6, f1: 0.65, auc: 0.85 },
    clock,
  });
  await eventStore.writeBaseline(baseline);

  let started = performance.now();
  const logger = createPredictionLogger({ store: eventStore, baseline, clock, retentionDays: false, maxQueueSize: 60_000, onError: (error) => console.warn(error.message) });
  const outcomes = [];
  const step = dayMillis / predictionCount;
  for (let index = 0; index < predictionCount; index++) {
    const timestampMillis = startMillis + Math.floor(index * step);
    clock.set(timestampMillis);
    const shift = Math.max(0, (index / predictionCount - 0.6) * 2.5);
    const values = features(random, shift);
    const score = scoreOf(values);
    const failed = random() < 0.005;
    const id = logger.log({
      modelName,
      modelVersion: random() < 0.1 ? '2' : '1',
      timestamp: new Date(timestampMillis),
      features: values,
      prediction: failed ? {} : { score, label: score > 0.5 ? 'Yes' : 'No' },
      latencyMillis: 2 + random() * 20 + shift * 10,
      ...(failed ? { status: 'error', errorMessage: 'timeout' } : {}),
    });
    if (!failed && random() < 0.05) outcomes.push({ predictionId: id, label: random() < score ? 'Yes' : 'No', timestamp: new Date(timestampMillis + 1000) });
    if (index % 20_000 === 19_999) {
      await logger.forceFlush();
      if (index % 200_000 === 199_999) console.log(`  logged ${index + 1} predictions (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  clock.set(endMillis);
  await logger.shutdown();
  for (let index = 0; index < outcomes.length; index += 1000) await eventStore.writeOutcomes(outcomes.slice(index, index + 1000));
  const { written, dropped, failed } = logger.counters;
  if (written !== predictionCount || dropped !== 0 || failed !== 0) throw new Error(`the logger lost predictions: ${JSON.stringify(logger.counters)}`);
  console.log(`  logged ${predictionCount} predictions and ${outcomes.length} outcomes in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  started = performance.now();
  const monitor = createMonitor({ store: eventStore, baseline, positiveLabel: 'Yes', clock, onError: () => {} });
  const perVersion = ['1', '2'].map((modelVersion) => createMonitor({ store: eventStore, baseline, modelVersion, checks: ['performance'], positiveLabel: 'Yes', clock, onError: () => {} }));
  let checkResults = 0;
  for (let minute = 1; minute <= 1440; minute++) {
    const at = startMillis + minute * 60_000;
    clock.set(at);
    checkResults += (await monitor.runChecks({ at: new Date(at) })).checkResults.length;
    if (minute % 15 === 0) for (const versionMonitor of perVersion) checkResults += (await versionMonitor.runChecks({ at: new Date(at) })).checkResults.length;
    if (minute % 240 === 0) console.log(`  checked ${minute} minutes (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await monitor.shutdown();
  for (const versionMonitor of perVersion) await versionMonitor.shutdown();
  console.log(`  wrote ${checkResults} check results in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const registrySeeded = await seedRegistry(registryStore, startMillis);
  await registryStore.shutdown();
  await eventStore.shutdown();
  writeFileSync(metaPath, JSON.stringify({ recipeVersion, endMillis, predictionCount, outcomeCount: outcomes.length, checkResults, registrySeeded }));
}

/** Two versions, champion and challenger aliases and a 90/10 split, in the SQLite registry store when the built adapters have one. */
async function seedRegistry(registryStore, startMillis) {
  if (typeof adapters.createSqliteRegistryStore !== 'function') return false;
  // Idempotent, so an interrupted seeding completes on the next run.
  for (let version = (await registryStore.listModelVersions(modelName)).length + 1; version <= 2; version++) {
    await registryStore.createModelVersion({ modelName, artifact: { flavor: 'bench', formatVersion: 1, data: { version } }, params: {}, metrics: { auc: 0.8 }, tags: {}, createdAt: new Date(startMillis) });
  }
  const aliases = await registryStore.listAliases(modelName);
  for (const [alias, version, reason] of [['champion', 1, 'first'], ['challenger', 2, 'retrained']]) {
    if (aliases.some((record) => record.alias === alias)) continue;
    await registryStore.moveAlias({ modelName, alias, expectedVersion: undefined, toVersion: version, actor: 'bench', reason, at: new Date(startMillis) });
  }
  await registryStore.writeRoutingConfig({ modelName, weights: { champion: 0.9, challenger: 0.1 }, killSwitch: false, salt: 'bench', updatedAt: new Date(startMillis) });
  return true;
}

function readMeta() {
  if (!existsSync(databasePath) || !existsSync(metaPath)) return undefined;
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  if (meta.recipeVersion !== recipeVersion) return undefined;
  const database = new Database(databasePath, { readonly: true });
  try {
    const { count } = database.prepare('select count(*) as count from driftwatch_predictions').get();
    return count === predictionCount ? meta : undefined;
  } catch {
    return undefined;
  } finally {
    database.close();
  }
}

let meta = readMeta();
if (meta === undefined) {
  console.log(`Building ${databasePath} (cached for later runs)…`);
  const started = performance.now();
  await buildDatabase();
  meta = readMeta();
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
} else {
  console.log(`Reusing ${databasePath}.`);
}

const { eventStore, registryStore } = openStores(databasePath);
await eventStore.migrate();
await registryStore.migrate();
if (meta.registrySeeded !== true && (await seedRegistry(registryStore, meta.endMillis - dayMillis))) {
  // The database was built before the adapters had a SQLite registry store.
  meta = { ...meta, registrySeeded: true };
  writeFileSync(metaPath, JSON.stringify(meta));
}
const clock = { now: () => meta.endMillis, setTimeout: () => ({ cancel() {} }), setInterval: () => ({ cancel() {} }) };
const dashboard = createDashboard({ store: eventStore, registry: registryStore, basePath: '/driftwatch', clock });
const server = createServer(dashboard.handle).listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}/driftwatch`;

const pages = [
  ['overview', '', ['overview']],
  ['feature drift', 'drift', ['drift']],
  ['predictions', 'predictions', ['predictions']],
  ['performance (with the ROC curve)', 'performance', ['performance', 'performance/roc']],
  ['champion vs challenger', 'champion', ['champion']],
  ['alerts', 'alerts', ['alerts']],
  ['logs', 'logs', ['logs']],
  ['retraining', 'retraining', ['retraining']],
];

async function firstRender(path, apis) {
  const page = await fetch(`${base}/${path}?model=${modelName}`);
  if (page.status !== 200) throw new Error(`${path}: HTTP ${page.status}`);
  await page.text();
  // The page's script fetches its JSON in parallel once the shell has loaded.
  await Promise.all(
    apis.map(async (api) => {
      const response = await fetch(`${base}/api/${api}?model=${modelName}`);
      if (response.status !== 200) throw new Error(`api/${api}: HTTP ${response.status}`);
      await response.arrayBuffer();
    }),
  );
}

const from = new Date(meta.endMillis - dayMillis);
const to = new Date(meta.endMillis + 1);
const baselineMeasure = await measure(() => eventStore.readPredictions({ modelName, from, to, limit: 100 }));
const baseline = { name: 'store.readPredictions({ limit: 100 })', value: baselineMeasure.medianMillis, unit: 'ms' };

const rows = [];
const cold = [];
for (const [name, path, apis] of pages) {
  const started = performance.now();
  await firstRender(path, apis);
  cold.push([name, performance.now() - started]);
}
for (const [name, millis] of cold) {
  rows.push({ name: `first render, cold: ${name}`, value: millis, unit: 'ms', baseline, ratio: millis / baseline.value, target: `≤ ${targetMillis} ms`, pass: millis <= targetMillis });
}
for (const [name, path, apis] of pages) {
  const { medianMillis } = await measure(() => firstRender(path, apis));
  rows.push({ name: `first render, warm: ${name}`, value: medianMillis, unit: 'ms', baseline, ratio: medianMillis / baseline.value, target: `≤ ${targetMillis} ms`, pass: medianMillis <= targetMillis });
}

server.close();
await registryStore.shutdown();
await eventStore.shutdown();

report('dashboard', rows, {
  database: `${meta.predictionCount} predictions, ${meta.outcomeCount} outcomes, 1,440 minute profiles, ${meta.checkResults} check results (SQLite, ${databasePath})`,
  registry: typeof adapters.createSqliteRegistryStore === 'function' ? 'SQLite registry store in the same file' : 'an in-bench stand-in (the built adapters have no SQLite registry store yet)',
  firstRender: 'GET the page shell, then its JSON over HTTP (node:http, same process); cold = first request after opening the store',
});
if (rows.some((row) => !row.pass)) process.exitCode = 1;
