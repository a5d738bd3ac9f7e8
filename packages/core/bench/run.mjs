// The cost of one PredictionLogger.log() call, against the built package.
// Run: cd packages/drift && npx tsup && cd ../core && npx tsup && node --expose-gc bench/run.mjs
import { loadavg } from 'node:os';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { measure, report } from '../../../scripts/bench/harness.mjs';
import { churnFeatures } from '../../../scripts/bench/churn-features.mjs';
import { createBaseline, createPredictionLogger } from '../dist/index.js';
import { noopEventStore as noopStore } from '../../../scripts/bench/noop-event-store.mjs';

const calls = 1_000_000;
const chunk = 1000;
const targetNanos = 2000;

// A churn-model request: ten features, a label and a score, the latency.
const record = {
  modelName: 'churn',
  modelVersion: '3',
  features: { ...churnFeatures },
  prediction: { label: 'Yes', score: 0.71 },
  latencyMillis: 3.2,
};

function trainingData(rows) {
  const contracts = ['Month-to-month', 'One year', 'Two year'];
  const services = ['DSL', 'Fiber optic', 'No'];
  const payments = ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'];
  return Array.from({ length: rows }, (_, index) => ({
    tenure: index % 72,
    MonthlyCharges: 18 + ((index * 7.3) % 100),
    TotalCharges: 18 + ((index * 131.7) % 8000),
    SeniorCitizen: index % 6 === 0 ? 1 : 0,
    Contract: contracts[index % 3],
    InternetService: services[index % 3],
    PaymentMethod: payments[index % 4],
    PaperlessBilling: index % 2 ? 'Yes' : 'No',
    TechSupport: index % 3 ? 'No' : 'Yes',
    gender: index % 2 ? 'Female' : 'Male',
  }));
}


/** 1M calls in chunks of 1,000, yielding a macrotask between chunks as a server would between requests. */
async function callMillionTimes(call) {
  for (let done = 0; done < calls; done += chunk) {
    for (let index = 0; index < chunk; index++) call();
    await nextMacrotask();
  }
}

const loadAverageAtStart = loadavg()[0];
const array = [];
const pushBaseline = await measure(() =>
  callMillionTimes(() => {
    array.push(record);
    if (array.length === chunk) array.length = 0;
  }),
);

const baseline = createBaseline({
  modelName: 'churn',
  version: '3',
  data: trainingData(5000),
  predictions: Array.from({ length: 5000 }, (_, index) => ({ label: index % 3 ? 'No' : 'Yes', score: (index % 100) / 100 })),
});

const notes = {};
async function measureLogger(name, config) {
  const logger = createPredictionLogger({ store: noopStore, retentionDays: false, onError: () => undefined, ...config });
  const result = await measure(() => callMillionTimes(() => logger.log(record)));
  await logger.shutdown();
  notes[name] = { ...logger.counters };
  return result;
}

const rawOnly = await measureLogger('log() raw only', { windowProfiles: false });
const profiled = await measureLogger('log() with window profiles', { baseline });
const profiledSampled = await measureLogger('log() with window profiles, rawSampleRate 0.1', { baseline, rawSampleRate: 0.1 });

const nanosPerCall = (result) => (result.medianMillis * 1e6) / calls;
const baselineRow = { name: 'array.push(record)', value: nanosPerCall(pushBaseline), unit: 'ns/call' };
const rows = [
  ['log() no-op store, window profiles off', rawOnly],
  ['log() no-op store, window profiles on (10 features + score + label + latency)', profiled],
  ['log() no-op store, window profiles on, rawSampleRate 0.1', profiledSampled],
].map(([name, result]) => {
  const value = nanosPerCall(result);
  return {
    name,
    value,
    unit: 'ns/call',
    baseline: baselineRow,
    ratio: value / baselineRow.value,
    target: `≤ ${targetNanos} ns`,
    pass: value <= targetNanos,
  };
});

report('core-logger', rows, {
  calls,
  chunk,
  method: 'median of 7 runs (2 warm-up) of 1M calls in chunks of 1,000 with a macrotask between chunks; the same loop pushes into an array for the baseline.',
  counters: notes,
  // Other work on the machine moves these figures a lot; the 1-minute load average tells how busy it was.
  loadAverage: { start: loadAverageAtStart, end: loadavg()[0] },
});
