// ksTest on 1M vs 1M doubles against the built package, next to a plain Float64Array sort of 1M
// doubles measured in the same process. scipy 1.10 ks_2samp took 1.38 s on the same input size.
// Run through bench/run.mjs, or alone: `node --expose-gc bench/ks.bench.mjs`.
import { pathToFileURL } from 'node:url';
import { ksTest } from '../dist/index.js';
import { measure, report, seededUniform as uniformGenerator } from '../../../scripts/bench/harness.mjs';

const size = 1_000_000;
const targetMillis = 250;


/** Standard normal doubles by Box–Muller, `shift` added to each. */
function normalSample(count, seed, shift = 0) {
  const uniform = uniformGenerator(seed);
  const values = new Float64Array(count);
  for (let index = 0; index < count; index += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    values[index] = radius * Math.cos(angle) + shift;
    if (index + 1 < count) values[index + 1] = radius * Math.sin(angle) + shift;
  }
  return values;
}

export async function run() {
  const reference = normalSample(size, 1);
  const current = normalSample(size, 2);
  const sortInput = normalSample(size, 3);
  const sortScratch = new Float64Array(size);

  const baseline = await measure(
    () => {
      sortScratch.set(sortInput);
      sortScratch.sort();
    },
    { runs: 7, warmup: 2 },
  );
  const baselineRow = { name: 'Float64Array.prototype.sort, 1M', value: baseline.medianMillis, unit: 'ms' };

  const timed = await measure(() => ksTest(reference, current), { runs: 7, warmup: 2 });
  const result = ksTest(reference, current);
  return [
    {
      name: 'ksTest, 1M vs 1M doubles (auto → asymp)',
      value: timed.medianMillis,
      unit: 'ms',
      baseline: baselineRow,
      ratio: timed.medianMillis / baseline.medianMillis,
      target: `≤ ${targetMillis} ms`,
      pass: timed.medianMillis <= targetMillis,
      detail: { statistic: result.statistic, pValue: result.pValue, method: result.method },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  report('ks', await run());
}
