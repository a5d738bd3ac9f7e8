// Benchmark of `driftwatch drift` on two 1M-row CSV files: the whole process (wall time and peak
// RSS) against a raw read of the same bytes, so the ratio shows the cost of parsing and statistics
// over I/O. Needs a build (`npm run build`); run with `npm run bench -w @driftwatch/cli`.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { measure, report, seededUniform as seeded } from '../../../scripts/bench/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binPath = join(here, '..', 'dist', 'bin.js');
const preloadUrl = new URL('./max-rss-preload.mjs', import.meta.url).href;
const rows = 1_000_000;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dataDirectory = join(tmpdir(), 'driftwatch-bench-cli-v1');
const referencePath = join(dataDirectory, 'reference.csv');
const currentPath = join(dataDirectory, 'current.csv');


const contracts = ['Month-to-month', 'One year', 'Two year'];
const payments = ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'];
const internet = ['Fiber optic', 'DSL', 'No'];

/** 8 Telco-like columns: 5 numeric (one with ~0.2% blanks), 3 categorical. */
async function writeFile(path, seed, shift) {
  const random = seeded(seed);
  const pick = (values, bias = 0) => values[Math.min(values.length - 1, Math.floor(Math.max(0, random() - bias) * values.length))];
  const temporary = `${path}.partial`;
  const output = createWriteStream(temporary);
  let block = 'tenure,MonthlyCharges,TotalCharges,SeniorCitizen,SupportTickets,Contract,PaymentMethod,InternetService\n';
  for (let index = 0; index < rows; index++) {
    const tenure = random() < 0.002 ? 0 : 1 + Math.floor(random() * 72);
    const monthly = (18.25 + random() * 100) * shift;
    const total = tenure === 0 ? ' ' : (tenure * monthly * (0.97 + 0.06 * random())).toFixed(2);
    block += `${tenure},${monthly.toFixed(2)},${total},${random() < 0.16 ? 1 : 0},${Math.floor(-Math.log(1 - random()) * 1.5)},${pick(contracts, shift - 1)},${pick(payments)},${pick(internet)}\n`;
    if (block.length > 1 << 16) {
      if (!output.write(block)) await once(output, 'drain');
      block = '';
    }
  }
  output.end(block);
  await once(output, 'finish');
  renameSync(temporary, path);
}

async function ensureData() {
  mkdirSync(dataDirectory, { recursive: true });
  if (!existsSync(referencePath)) await writeFile(referencePath, 1, 1);
  if (!existsSync(currentPath)) await writeFile(currentPath, 2, 1.1);
}

async function rawRead() {
  let bytes = 0;
  for (const path of [referencePath, currentPath]) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) bytes += chunk.length;
  }
  return bytes;
}

/** Papa Parse alone on both files, configured as the CLI reads them, rows dropped: the floor under the CSV reader. */
async function papaParseOnly() {
  let rows = 0;
  for (const path of [referencePath, currentPath]) {
    await new Promise((resolve, reject) => {
      Papa.parse(createReadStream(path, { highWaterMark: 64 * 1024, encoding: 'utf8' }), {
        delimiter: ',',
        chunk: (results) => (rows += results.data.length),
        complete: resolve,
        error: reject,
      });
    });
  }
  return rows;
}

/** Runs the binary to completion; resolves to its peak RSS in MiB and CPU time in milliseconds. */
async function runDrift(env = {}) {
  const child = spawn(process.execPath, ['--import', preloadUrl, binPath, 'drift', referencePath, currentPath, '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  if (code !== 0 && code !== 1) throw new Error(`driftwatch drift exited with ${code}:\n${stderr}`);
  const match = /DRIFTWATCH_BENCH maxRssKiB=(\d+) cpuMicros=(\d+)/.exec(stderr);
  return { rssMiB: Number(match[1]) / 1024, cpuMillis: Number(match[2]) / 1000 };
}

if (!existsSync(binPath)) {
  console.error(`missing ${binPath}: run "npm run build" first`);
  process.exit(1);
}
await ensureData();
const load = loadavg()[0];

const raw = await measure(rawRead, { runs, warmup: 1 });
const parseOnly = await measure(papaParseOnly, { runs, warmup: 0 });
const usages = { parallel: [], serial: [] };
const parallel = await measure(async () => usages.parallel.push(await runDrift()), { runs, warmup: 1 });
const serial = await measure(async () => usages.serial.push(await runDrift({ DRIFTWATCH_THREADS: '1' })), { runs, warmup: 0 });
const peakParallel = Math.max(...usages.parallel.map((usage) => usage.rssMiB));
const peakSerial = Math.max(...usages.serial.map((usage) => usage.rssMiB));
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cpuParallel = median(usages.parallel.slice(-runs).map((usage) => usage.cpuMillis));
const baseline = { name: 'raw read of both files', value: raw.medianMillis, unit: 'ms' };

report(
  'cli-drift',
  [
    { name: 'raw read of both files (createReadStream)', value: raw.medianMillis, unit: 'ms' },
    {
      name: 'papaparse alone, both files, one thread',
      value: parseOnly.medianMillis,
      unit: 'ms',
      baseline,
      ratio: parseOnly.medianMillis / raw.medianMillis,
    },
    {
      name: 'drift --json, whole process, 2 reader threads',
      value: parallel.medianMillis,
      unit: 'ms',
      baseline,
      ratio: parallel.medianMillis / raw.medianMillis,
      target: '≤ 4000 ms',
      pass: parallel.medianMillis <= 4000,
    },
    { name: 'peak RSS, 2 reader threads', value: peakParallel, unit: 'MiB', target: '≤ 400 MiB', pass: peakParallel <= 400 },
    { name: 'CPU time (user + system, all threads), 2 reader threads', value: cpuParallel, unit: 'ms' },
    {
      name: 'drift --json, whole process, DRIFTWATCH_THREADS=1',
      value: serial.medianMillis,
      unit: 'ms',
      baseline,
      ratio: serial.medianMillis / raw.medianMillis,
    },
    { name: 'peak RSS, DRIFTWATCH_THREADS=1', value: peakSerial, unit: 'MiB', target: '≤ 400 MiB', pass: peakSerial <= 400 },
  ],
  {
    rows,
    columns: '5 numeric, 3 categorical',
    files: [referencePath, currentPath],
    runs,
    // Wall time needs the second core: on a busy machine compare CPU time instead.
    loadAverageAtStart: load,
    loadAverageAtEnd: loadavg()[0],
  },
);
