// `npm run bench -w @driftwatch/drift`: every drift benchmark against the built package.
import { report } from '../../../scripts/bench/harness.mjs';

const suites = ['./ks.bench.mjs', './compare.bench.mjs', './profile.bench.mjs'];
const rows = [];
for (const suite of suites) {
  const { run } = await import(suite);
  rows.push(...(await run()));
}
report('drift', rows);
