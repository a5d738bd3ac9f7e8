// Benchmarks of @driftwatch/models against the BUILT package (dist/): fit time, single-row and
// 1,000-row scoring latency, AUC and accuracy for every flavor on the shared Telco split, each
// next to sklearn 1.2's figure on the same split.
//
//   npm run bench -w @driftwatch/models          (build first: npx tsup in packages/drift and packages/models)
//   node bench/run.mjs --smoke                   (tiny synthetic run, nothing timed or written; used by a test)
//
// Baseline: JSON.parse of the training rows as JSON text (5,634 rows, ~2.9 MB). It is pure CPU
// work of the same size as the input every fit starts from, untouched by our code, so the
// fit/baseline ratios carry over between machines better than raw milliseconds.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { accuracy, rocAuc } from '@driftwatch/drift';
import { measure, report } from '../../../scripts/bench/harness.mjs';
import { loadClassifier, trainClassifier, trainClassifierInWorker } from '../dist/index.js';

const smoke = process.argv.includes('--smoke');
const telcoDirectory = fileURLToPath(new URL('../../../../shared/data/telco-churn/', import.meta.url));
const telcoAvailable = existsSync(`${telcoDirectory}telco.csv`) && existsSync(`${telcoDirectory}split-seed42.json`);
const useTelco = telcoAvailable && !smoke;
const { train, test } = useTelco ? loadTelco() : syntheticSplit(smoke ? 600 : 7043);
const base = { target: 'Churn', positive: 'Yes', exclude: ['customerID'] };

// sklearn 1.2.1 on the same split (TotalCharges blanks as 0.0 there; missing here).
const flavors = [
  { name: 'forest (100 trees)', options: { flavor: 'forest' }, sklearn: { model: 'RandomForest(100)', auc: 0.8193, accuracy: 0.7871 }, runs: 5 },
  { name: 'forest maxDepth 10', options: { flavor: 'forest', maxDepth: 10 }, sklearn: { model: 'RandomForest(max_depth=10)', auc: 0.8378, accuracy: 0.8006 }, runs: 5 },
  { name: 'boosting', options: { flavor: 'boosting' }, sklearn: { model: 'HistGradientBoosting', auc: 0.8338 }, runs: 5 },
  { name: 'logistic', options: { flavor: 'logistic' }, sklearn: { model: 'LogisticRegression(C=1)', auc: 0.8418 }, runs: 5 },
  { name: 'ml-cart (depth 6)', options: { flavor: 'ml-cart' }, sklearn: { model: 'DecisionTree(max_depth=6)', auc: 0.8351 }, runs: 3 },
  { name: 'ml-random-forest (30 trees, depth 10)', options: { flavor: 'ml-random-forest' }, sklearn: { model: 'RandomForest(max_depth=10)', auc: 0.8378 }, runs: 1 },
];
const smokeOptions = { trees: 5, iterations: 5 };

const actual = test.map((row) => row.Churn);
const scoringRows = Array.from({ length: 1000 }, (_, index) => test[index % test.length]);
const trainText = JSON.stringify(train);
const timing = smoke ? { runs: 1, warmup: 0 } : undefined;
const baseline = await measure(() => JSON.parse(trainText), timing ?? { runs: 9, warmup: 2 });
const baselineRow = { name: `JSON.parse of ${train.length} training rows`, value: baseline.medianMillis, unit: 'ms' };

const rows = [{ ...baselineRow }];
const notes = {
  data: useTelco
    ? `Telco churn, shared split: ${train.length} train / ${test.length} test rows`
    : `SYNTHETIC data (${smoke ? '--smoke' : '../shared is missing'}): ${train.length} train / ${test.length} test rows; sklearn figures do not apply`,
  baseline: 'JSON.parse of the training rows as JSON text: same-size CPU work untouched by this package',
  sklearnSingleRowPredict: 'sklearn RandomForest predict_proba on one row: ~5 ms per call',
};

for (const flavor of flavors) {
  const options = { ...base, ...flavor.options, ...(smoke ? smokeOptions : {}) };
  let classifier;
  const fit = await measure(async () => {
    classifier = await trainClassifier(train, options);
  }, timing ?? { runs: flavor.runs, warmup: flavor.runs > 1 ? 1 : 0 });
  const callsPerRun = smoke ? 10 : 1000;
  const single = await measure(() => {
    for (let call = 0; call < callsPerRun; call++) classifier.predictProba([test[call % test.length]]);
  }, timing ?? { runs: 7, warmup: 2 });
  const batch = await measure(() => classifier.predictProba(scoringRows), timing ?? { runs: 7, warmup: 2 });
  const probabilities = classifier.predictProba(test);
  const auc = rocAuc(actual, probabilities, { positive: 'Yes' });
  const predictedLabels = [...probabilities].map((probability) => (probability >= 0.5 ? 'Yes' : 'No'));
  const accuracyValue = accuracy(actual, predictedLabels);
  // The round trip must be exact; the benchmark refuses to report a model that is not.
  const restored = loadClassifier(JSON.stringify(classifier)).predictProba(test);
  if (!restored.every((value, index) => Object.is(value, probabilities[index]))) throw new Error(`${flavor.name}: JSON round trip changed predictions`);

  const isDefaultForest = flavor.options.flavor === 'forest' && flavor.options.maxDepth === undefined;
  rows.push(
    {
      name: `${flavor.name}: fit`,
      value: fit.medianMillis,
      unit: 'ms',
      baseline: baselineRow,
      ratio: fit.medianMillis / baseline.medianMillis,
      ...(isDefaultForest && useTelco ? { target: '<= 3000 ms', pass: fit.medianMillis <= 3000 } : {}),
    },
    {
      name: `${flavor.name}: predict 1 row`,
      value: single.medianMillis / callsPerRun,
      unit: 'ms',
      ...(isDefaultForest ? { target: '<= 0.2 ms (sklearn ~5 ms)', pass: single.medianMillis / callsPerRun <= 0.2 } : {}),
    },
    { name: `${flavor.name}: predict 1,000 rows`, value: batch.medianMillis, unit: 'ms' },
    {
      name: `${flavor.name}: AUC`,
      value: auc,
      unit: `(sklearn ${flavor.sklearn.model} ${flavor.sklearn.auc})`,
      ...(useTelco ? { target: `>= ${(flavor.sklearn.auc - 0.01).toFixed(4)}`, pass: auc >= flavor.sklearn.auc - 0.01 } : {}),
    },
    {
      name: `${flavor.name}: accuracy`,
      value: accuracyValue,
      unit: flavor.sklearn.accuracy === undefined ? '' : `(sklearn ${flavor.sklearn.accuracy})`,
    },
  );
}

// Training in a worker keeps the event loop responsive; in process it stalls for the whole fit.
// A 1 ms interval records the longest gap between its ticks while training runs.
const forestOptions = { ...base, ...(smoke ? smokeOptions : {}) };
for (const [name, runTraining] of [
  ['in process', () => trainClassifier(train, forestOptions)],
  ['in a worker', () => trainClassifierInWorker(train, forestOptions)],
]) {
  let lastTick = performance.now();
  let longestStall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestStall = Math.max(longestStall, now - lastTick);
    lastTick = now;
  }, 1);
  const start = performance.now();
  await runTraining();
  const elapsed = performance.now() - start;
  // Let the ticker see the gap that ends with the training call.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  rows.push(
    { name: `forest training ${name}: wall time`, value: elapsed, unit: 'ms' },
    { name: `forest training ${name}: longest event-loop stall`, value: longestStall, unit: 'ms' },
  );
}

if (smoke) {
  const failures = rows.filter((row) => !Number.isFinite(row.value));
  console.log(JSON.stringify({ smoke: true, rows: rows.length, failures: failures.map((row) => row.name) }));
  if (failures.length > 0) process.exitCode = 1;
} else {
  report('models', rows, notes);
}

function loadTelco() {
  const lines = readFileSync(`${telcoDirectory}telco.csv`, 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const all = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((column, index) => [column, cells[index]]));
  });
  const split = JSON.parse(readFileSync(`${telcoDirectory}split-seed42.json`, 'utf8'));
  return { train: split.train.map((index) => all[index]), test: split.test.map((index) => all[index]) };
}

// Telco-shaped synthetic rows: a few numeric columns, several categorical ones, a noisy label.
function syntheticSplit(count) {
  let state = 42;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (values) => values[Math.floor(random() * values.length)];
  const all = Array.from({ length: count }, (_, index) => {
    const tenure = Math.floor(random() * 72);
    const monthly = 20 + random() * 100;
    const contract = pick(['Month-to-month', 'One year', 'Two year']);
    const internet = pick(['DSL', 'Fiber optic', 'No']);
    const payment = pick(['Electronic check', 'Mailed check', 'Bank transfer', 'Credit card']);
    const score = -tenure / 20 + (contract === 'Month-to-month' ? 1.5 : -1) + (internet === 'Fiber optic' ? 0.8 : 0) + monthly / 80 + (random() - 0.5) * 3;
    return {
      customerID: `synthetic-${index}`,
      tenure: String(tenure),
      MonthlyCharges: monthly.toFixed(2),
      TotalCharges: tenure === 0 ? ' ' : (tenure * monthly).toFixed(2),
      Contract: contract,
      InternetService: internet,
      PaymentMethod: payment,
      Partner: pick(['Yes', 'No']),
      Churn: score > 0.8 ? 'Yes' : 'No',
    };
  });
  const cut = Math.floor(count * 0.8);
  return { train: all.slice(0, cut), test: all.slice(cut) };
}
