import { compareDatasets } from '../dist/index.js';
import { measure } from '../../../scripts/bench/harness.mjs';
import { mulberry32, telcoLikeColumns } from './telco-like.mjs';

export async function run() {
  const rows = 1_000_000;
  const reference = telcoLikeColumns(rows, 1);
  const current = telcoLikeColumns(rows, 2, 0.3);
  const random = mulberry32(7);
  const sortInput = Float64Array.from({ length: rows }, () => random());
  const baseline = await measure(() => Float64Array.from(sortInput).sort(), { runs: 5, warmup: 1 });
  const baselineRow = { name: 'Float64Array.prototype.sort, 1M doubles', value: baseline.medianMillis, unit: 'ms' };
  const compare = await measure(() => compareDatasets(reference, current), { runs: 5, warmup: 1 });
  const report = compareDatasets(reference, current);
  return [
    {
      name: 'compareDatasets, 1M rows per side × 8 columns (5 numeric, 3 categorical)',
      value: compare.medianMillis,
      unit: 'ms',
      baseline: baselineRow,
      ratio: compare.medianMillis / baseline.medianMillis,
      target: '≤ 600 ms (Evidently DataDriftPreset: 12.3 s)',
      pass: compare.medianMillis <= 600,
      detail: { drifted: report.drifted, driftShare: report.driftShare },
    },
  ];
}
