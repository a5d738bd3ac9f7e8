// The Driftwatch demo: synthetic customers drawn twice, once unchanged and once after a sudden
// price rise, compared with the built `driftwatch` binary. Exits 0 when the sudden drift is
// detected, 1 when it is missed. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binPath = join(root, 'packages', 'cli', 'dist', 'bin.js');
const demoDirectory = join(root, '.driftwatch-demo');
const reportPath = join(demoDirectory, 'report.html');

if (!existsSync(binPath)) {
  console.error(`demo: ${relative(root, binPath)} is missing; run "npm run build" first.`);
  process.exit(1);
}

/** Runs the CLI with output shown as it comes; returns its exit code. */
function driftwatch(...args) {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status;
}

function heading(text) {
  console.log(`\n=== ${text} ===\n`);
}

mkdirSync(demoDirectory, { recursive: true });
const none = join(demoDirectory, 'none');
const sudden = join(demoDirectory, 'sudden');
heading('1. Generate 5,000 synthetic customers per file, twice');
if (driftwatch('sample', relative(root, none), '--scenario', 'none') !== 0) process.exit(1);
if (driftwatch('sample', relative(root, sudden), '--scenario', 'sudden') !== 0) process.exit(1);

heading('2. Same distribution: expect no dataset drift (exit code 0)');
const noneCode = driftwatch('drift', relative(root, join(none, 'reference.csv')), relative(root, join(none, 'current.csv')), '--exclude', 'customerID');

heading('3. Sudden change (MonthlyCharges +15%, contracts toward month-to-month): expect dataset drift (exit code 1)');
const suddenCode = driftwatch(
  'drift',
  relative(root, join(sudden, 'reference.csv')),
  relative(root, join(sudden, 'current.csv')),
  '--exclude',
  'customerID',
  '--html',
  relative(root, reportPath),
);

heading('Result');
if (noneCode === 2 || suddenCode === 2) {
  console.log('driftwatch failed; see the message above.');
  process.exit(1);
}
console.log(`unchanged data: ${noneCode === 0 ? 'no dataset drift, as expected' : 'dataset drift (a false alarm)'}`);
console.log(`sudden change:  ${suddenCode === 1 ? 'dataset drift detected, as expected' : 'drift MISSED'}`);
console.log(`HTML report:    ${reportPath}`);
process.exit(suddenCode === 1 ? 0 : 1);
