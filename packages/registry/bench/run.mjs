// Benchmarks of @driftwatch/registry against the BUILT packages (dist/):
//   1. router overhead per call, cached (target ≤ 5 µs), next to two same-run baselines: the salted
//      hash alone and a Map lookup;
//   2. end-to-end retraining on Telco-sized data (7,043 rows; the shared Telco CSV when present,
//      else synthetic), target ≤ 30 s, with the duration of every step.
//
//   npm run bench -w @driftwatch/registry      (build first: npx tsup in drift, models, core, registry)
//   node bench/run.mjs --smoke                 (tiny sizes, nothing written; checks that the bench runs)
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { trainClassifierInWorker } from '@driftwatch/models';
import { measure, report } from '../../../scripts/bench/harness.mjs';
import { createModelRegistry, createModelRouter, createRetrainingPipeline, hashUnitKey } from '../dist/index.js';

const smoke = process.argv.includes('--smoke');
const telcoPath = fileURLToPath(new URL('../../../../shared/data/telco-churn/telco.csv', import.meta.url));
const useTelco = existsSync(telcoPath) && !smoke;
const rows = [];
const notes = {};

// ---------------------------------------------------------------- router overhead
const callsPerRun = smoke ? 10_000 : 1_000_000;
const keys = Array.from({ length: 10_000 }, (_, index) => `customer-${index}`);
const registryStore = createInMemoryRegistryStore();
const registry = createModelRegistry({ store: registryStore });
for (let index = 0; index < 2; index++) {
  await registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { index } } });
}
await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1 });
await registry.setAlias({ modelName: 'churn', alias: 'challenger', version: 2 });
await registry.updateRouting('churn', { weights: { champion: 0.9, challenger: 0.1 }, salt: 'bench' });
// A TTL longer than the bench, so that every call is a cache hit: the figure is the cached path.
const router = createModelRouter({ store: registryStore, cacheTtlMillis: 3_600_000 });
await router.refresh('churn');

const timing = smoke ? { runs: 1, warmup: 0 } : { runs: 9, warmup: 2 };
let sink = 0;
const hashOnly = await measure(() => {
  for (let call = 0; call < callsPerRun; call++) sink += hashUnitKey('bench', keys[call % keys.length]);
}, timing);
const lookup = new Map(keys.map((key, index) => [key, index % 10 === 0 ? 'challenger' : 'champion']));
const mapOnly = await measure(() => {
  for (let call = 0; call < callsPerRun; call++) sink += lookup.get(keys[call % keys.length]).length;
}, timing);
const syncRoute = await measure(() => {
  for (let call = 0; call < callsPerRun; call++) sink += router.routeSync({ modelName: 'churn', unitKey: keys[call % keys.length] }).modelVersion.length;
}, timing);
const asyncRoute = await measure(async () => {
  for (let call = 0; call < callsPerRun; call++) sink += (await router.route({ modelName: 'churn', unitKey: keys[call % keys.length] })).modelVersion.length;
}, timing);
const perCallNanos = (result) => (result.medianMillis * 1e6) / callsPerRun;
const hashRow = { name: 'hashUnitKey(salt, key) alone', value: perCallNanos(hashOnly), unit: 'ns/call' };
const mapRow = { name: 'Map.get(key) alone', value: perCallNanos(mapOnly), unit: 'ns/call' };
rows.push(hashRow, mapRow);
for (const [name, result] of [
  ['router.routeSync, cached (90/10 split, sticky key)', syncRoute],
  ['await router.route, cached (the ModelRouter contract)', asyncRoute],
]) {
  const value = perCallNanos(result);
  rows.push({ name, value, unit: 'ns/call', baseline: hashRow, ratio: value / hashRow.value, target: '<= 5000 ns', pass: value <= 5000 });
}
const counters = router.counters();
const challengerShare = counters.find((counter) => counter.alias === 'challenger').routed / counters.reduce((sum, counter) => sum + counter.routed, 0);
notes.router = `${callsPerRun.toLocaleString('en-US')} calls per timed run over ${keys.length.toLocaleString('en-US')} distinct keys; measured challenger share ${challengerShare.toFixed(4)} (weight 0.1)`;
await router.shutdown();

// ---------------------------------------------------------------- end-to-end retraining
const data = useTelco ? loadTelco() : synthetic(smoke ? 800 : 7043);
notes.data = useTelco ? `Telco churn CSV, ${data.length} rows` : `SYNTHETIC Telco-shaped rows (${smoke ? '--smoke' : '../shared is missing'}): ${data.length}`;
const training = { positive: 'Yes', exclude: ['customerID'], ...(smoke ? { trees: 5 } : {}) };

async function freshStores() {
  const eventStore = createInMemoryEventStore();
  const now = Date.now();
  const spanMillis = 7 * 86_400_000;
  const predictions = [];
  const outcomes = [];
  data.forEach((row, index) => {
    const { Churn, ...features } = row;
    const id = `p-${String(index).padStart(6, '0')}`;
    const timestamp = new Date(now - spanMillis + Math.floor((index * spanMillis) / data.length));
    predictions.push({ id, timestamp, modelName: 'churn', modelVersion: '1', features, prediction: { label: 'No', score: 0.2 }, latencyMillis: 3 });
    outcomes.push({ predictionId: id, label: Churn, timestamp });
  });
  await eventStore.writePredictions(predictions);
  await eventStore.writeOutcomes(outcomes);
  const store = createInMemoryRegistryStore();
  return { eventStore, registry: createModelRegistry({ store }) };
}

function pipelineFor(stores) {
  return createRetrainingPipeline({ modelName: 'churn', registry: stores.registry, eventStore: stores.eventStore, training, onError: (error) => console.error(error) });
}

const repetitions = smoke ? 1 : 3;
const measured = [];
let bootstrap;
for (let repetition = 0; repetition < repetitions; repetition++) {
  const stores = await freshStores();
  // Untimed: the first run registers the champion; the timed run then goes the whole way.
  bootstrap = await pipelineFor(stores).run({ trigger: 'manual', reason: 'bootstrap' });
  if (bootstrap.outcome !== 'bootstrapped') throw new Error(`bootstrap run ended ${bootstrap.status}: ${bootstrap.reason}`);
  globalThis.gc?.();
  const started = performance.now();
  const result = await pipelineFor(stores).run({ trigger: 'manual', reason: 'benchmark' });
  const totalMillis = performance.now() - started;
  if (result.status !== 'waiting') throw new Error(`retraining ended ${result.status}: ${result.reason}`);
  measured.push({ totalMillis, result });
}
measured.sort((left, right) => left.totalMillis - right.totalMillis);
const median = measured[Math.floor(measured.length / 2)];

const trainingRowCount = median.result.steps.find((step) => step.name === 'prepare-features').output.trainingRowCount;
const trainRows = data.slice(0, trainingRowCount);
const trainOnly = await measure(() => trainClassifierInWorker(trainRows, { ...training, target: 'Churn' }), smoke ? { runs: 1, warmup: 0 } : { runs: 3, warmup: 1 });
const trainRow = { name: `trainClassifierInWorker alone (${trainRows.length} rows, default forest)`, value: trainOnly.medianMillis, unit: 'ms' };
rows.push(trainRow, {
  name: `end-to-end retraining, ${data.length} labelled rows (steps 1–8, champion present)`,
  value: median.totalMillis,
  unit: 'ms',
  baseline: trainRow,
  ratio: median.totalMillis / trainRow.value,
  target: '<= 30000 ms',
  pass: median.totalMillis <= 30_000,
});
for (const step of median.result.steps) {
  rows.push({ name: `  step ${step.name} (${step.status})`, value: step.durationMillis ?? 0, unit: 'ms' });
}
const validate = median.result.steps.find((step) => step.name === 'validate').output;
notes.retraining =
  `median of ${repetitions} runs (in-memory stores, worker training, default forest); holdout AUC ${validate.auc?.toFixed(4)} ` +
  `vs champion ${validate.championAuc?.toFixed(4)}; the timed run registers the challenger, writes the 90/10 split and ` +
  `evaluates the A/B test once (waiting: no outcomes yet). Untimed bootstrap run: ${bootstrap.steps.map((step) => `${step.name} ${Math.round(step.durationMillis ?? 0)} ms`).join(', ')}`;
if (sink === -1) console.log(sink);

if (smoke) {
  console.log('smoke run ok:', rows.map((row) => `${row.name.trim()}: ${row.value.toFixed(1)} ${row.unit}`).join('; '));
} else {
  report('registry', rows, notes);
}

function loadTelco() {
  const [header, ...lines] = readFileSync(telcoPath, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  // The Telco CSV has no quoted fields; numbers stay strings, as the models package expects of CSV cells.
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell])));
}

function synthetic(count) {
  let state = 42;
  const random = () => ((state = (Math.imul(state, 48271) >>> 0) % 2147483647) / 2147483647);
  const contracts = ['Month-to-month', 'One year', 'Two year'];
  const internet = ['DSL', 'Fiber optic', 'No'];
  return Array.from({ length: count }, (_, index) => {
    const tenure = Math.floor(random() * 72);
    const monthly = 18 + random() * 100;
    const contract = contracts[Math.floor(random() * 3)];
    const logit = -1 + 0.03 * (monthly - 70) - 0.06 * (tenure - 30) + (contract === 'Month-to-month' ? 1.2 : contract === 'Two year' ? -1.5 : 0);
    return {
      customerID: `c${index}`,
      tenure: String(tenure),
      MonthlyCharges: monthly.toFixed(2),
      TotalCharges: (monthly * tenure).toFixed(2),
      Contract: contract,
      InternetService: internet[Math.floor(random() * 3)],
      PaperlessBilling: random() < 0.6 ? 'Yes' : 'No',
      Churn: random() < 1 / (1 + Math.exp(-logit)) ? 'Yes' : 'No',
    };
  });
}
