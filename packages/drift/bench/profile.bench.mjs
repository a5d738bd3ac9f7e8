// Mergeable profiles against the built package: the per-prediction ingest path, and a day of
// drift from 1,440 minute profiles, each next to a baseline measured in the same process.
// Run through bench/run.mjs, or alone: `node --expose-gc bench/profile.bench.mjs`.
import { pathToFileURL } from 'node:url';
import {
  ProfileBuilder,
  compareDatasets,
  compareProfiles,
  createProfileSpec,
  mergeProfiles,
  parseProfile,
  profileDataset,
  serializeProfile,
} from '../dist/index.js';
import { measure, report, seededUniform as uniformGenerator } from '../../../scripts/bench/harness.mjs';

const numericColumns = 16;
const categoricalColumns = 4;
const columnCount = numericColumns + categoricalColumns;
// A logger profiles each prediction while its row is still in cache, so the ingest runs replay
// a few thousand distinct rows rather than streaming a large array from memory.
const distinctRows = 2_048;
const ingestPasses = 100;
const ingestRows = distinctRows * ingestPasses;
const minutes = 1440;
const rowsPerMinute = 60;
const referenceRows = 20_000;
const ingestTarget = 10_000_000;
const driftTargetMillis = 50;


const plans = ['basic', 'pro', 'team', 'enterprise'];
const regions = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east'];

/** Prediction rows with 16 numeric features on various scales and 4 categorical ones; `shift` moves them. */
function predictionRows(count, seed, shift = 0) {
  const uniform = uniformGenerator(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const rows = new Array(count);
  for (let index = 0; index < count; index++) {
    const row = {};
    for (let column = 0; column < numericColumns; column++) {
      const scale = 10 ** (column % 5);
      row[`feature${column}`] = column % 4 === 3 ? Math.exp(normal() + shift) * scale : (normal() + shift) * scale;
    }
    row.plan = plans[Math.min(3, Math.floor(uniform() ** (1 + shift) * 4))];
    row.region = regions[Math.floor(uniform() * regions.length)];
    row.device = uniform() < 0.5 + shift / 4 ? 'mobile' : 'desktop';
    row.model = `v${1 + Math.floor(uniform() * 3)}`;
    rows[index] = row;
  }
  return rows;
}

function toColumns(rows) {
  const columns = {};
  for (const name of Object.keys(rows[0])) columns[name] = rows.map((row) => row[name]);
  return columns;
}

async function ingest() {
  const spec = createProfileSpec(predictionRows(20_000, 3));
  const rows = predictionRows(distinctRows, 1);
  const names = spec.columns.map((column) => column.name);
  const positional = rows.map((row) => names.map((name) => row[name]));
  const builder = new ProfileBuilder({ spec });
  const values = ingestRows * columnCount;
  // The same number of doubles, summed: what reading the values costs with no profiling at all.
  const flat = new Float64Array(distinctRows * columnCount);
  for (let index = 0; index < distinctRows; index++) {
    for (let column = 0; column < numericColumns; column++) flat[index * columnCount + column] = rows[index][`feature${column}`];
  }
  let sink = 0;
  const baseline = await measure(
    () => {
      let sum = 0;
      for (let pass = 0; pass < ingestPasses; pass++) {
        for (let index = 0; index < flat.length; index++) sum += flat[index];
      }
      sink += sum;
    },
    { runs: 15, warmup: 3 },
  );
  const byName = await measure(
    () => {
      builder.reset();
      for (let pass = 0; pass < ingestPasses; pass++) {
        for (let index = 0; index < rows.length; index++) builder.addRow(rows[index]);
      }
    },
    { runs: 15, warmup: 3 },
  );
  const byPosition = await measure(
    () => {
      builder.reset();
      for (let pass = 0; pass < ingestPasses; pass++) {
        for (let index = 0; index < positional.length; index++) builder.addValues(positional[index]);
      }
    },
    { runs: 15, warmup: 3 },
  );
  const baselinePerSecond = values / (baseline.medianMillis / 1000);
  const baselineRow = { name: 'summing a Float64Array of as many doubles', value: baselinePerSecond, unit: 'values/s' };
  const shape = `${columnCount} columns (${numericColumns} numeric, ${categoricalColumns} categorical)`;
  return [
    ['ProfileBuilder.addRow (row objects)', byName],
    ['ProfileBuilder.addValues (values in spec order, allocation-free)', byPosition],
  ].map(([name, timed]) => {
    const valuesPerSecond = values / (timed.medianMillis / 1000);
    return {
      name: `${name} ingest, ${shape}`,
      value: valuesPerSecond,
      unit: 'values/s',
      baseline: baselineRow,
      ratio: valuesPerSecond / baselinePerSecond,
      target: `≥ ${ingestTarget.toLocaleString('en-US')} values/s`,
      pass: valuesPerSecond >= ingestTarget,
      detail: { rows: ingestRows, nanosecondsPerValue: (timed.medianMillis * 1e6) / values, sink: sink !== 0 },
    };
  });
}

/** One minute of traffic, slightly shifted from the reference. */
function minuteRows(minute) {
  return predictionRows(rowsPerMinute, 100 + minute, 0.05);
}

async function dayOfMinutes() {
  const reference = predictionRows(referenceRows, 2);
  const spec = createProfileSpec(reference);
  const referenceProfile = profileDataset(spec, reference);
  const minuteProfiles = [];
  for (let minute = 0; minute < minutes; minute++) minuteProfiles.push(profileDataset(spec, minuteRows(minute)));
  const stored = minuteProfiles.map((profile) => serializeProfile(profile, { includeSpec: false }));

  // Timed before the raw day exists, so that its 1.7M values do not weigh on the collector here.
  const timed = await measure(() => compareProfiles(referenceProfile, mergeProfiles(...minuteProfiles)), { runs: 15, warmup: 5 });
  const fromStorage = await measure(
    () => compareProfiles(referenceProfile, mergeProfiles(...stored.map((text) => parseProfile(text, { spec })))),
    { runs: 9, warmup: 2 },
  );
  const result = compareProfiles(referenceProfile, mergeProfiles(...minuteProfiles));

  const referenceColumns = toColumns(reference);
  const day = [];
  for (let minute = 0; minute < minutes; minute++) day.push(...minuteRows(minute));
  const dayColumns = toColumns(day);
  day.length = 0;
  const baseline = await measure(() => compareDatasets(referenceColumns, dayColumns), { runs: 3, warmup: 1 });
  const raw = compareDatasets(referenceColumns, dayColumns);
  const baselineRow = {
    name: `compareDatasets on the raw day (${(minutes * rowsPerMinute).toLocaleString('en-US')} rows)`,
    value: baseline.medianMillis,
    unit: 'ms',
  };
  const averageBytes = stored.reduce((sum, text) => sum + text.length, 0) / stored.length;
  return [
    {
      name: `drift from ${minutes.toLocaleString('en-US')} merged minute profiles × ${columnCount} columns (merge + compareProfiles)`,
      value: timed.medianMillis,
      unit: 'ms',
      baseline: baselineRow,
      ratio: timed.medianMillis / baseline.medianMillis,
      target: `≤ ${driftTargetMillis} ms`,
      pass: timed.medianMillis <= driftTargetMillis,
      detail: {
        driftedColumns: result.columns.filter((column) => column.drifted).length,
        driftedColumnsFromRawData: raw.columns.filter((column) => column.drifted).length,
        averageMinuteProfileBytes: Math.round(averageBytes),
      },
    },
    {
      name: `the same from stored JSON (parse ${minutes.toLocaleString('en-US')} profiles + merge + compareProfiles)`,
      value: fromStorage.medianMillis,
      unit: 'ms',
      baseline: baselineRow,
      ratio: fromStorage.medianMillis / baseline.medianMillis,
    },
  ];
}

export async function run() {
  return [...(await ingest()), ...(await dayOfMinutes())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  report('profile', await run());
}
