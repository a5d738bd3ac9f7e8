// Shared benchmark harness: every figure is the median of several timed runs, reported next to
// a baseline measured in the same process so that ratios survive a change of machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A seeded uniform [0, 1) generator (mulberry32), so every benchmark run sees the same data. */
export function seededUniform(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the median in milliseconds. */
export async function measure(fn, { runs = 7, warmup = 2 } = {}) {
  for (let index = 0; index < warmup; index++) await fn();
  const samples = [];
  for (let index = 0; index < runs; index++) {
    globalThis.gc?.();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMillis: samples[Math.floor(samples.length / 2)], samplesMillis: samples };
}

/** The machine a figure was measured on. */
export function machine() {
  const cpu = cpus()[0];
  return {
    cpu: cpu ? cpu.model : 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * Prints rows as a table and writes them to bench-results/<suite>.json.
 * Each row: { name, value, unit, baseline?, ratio?, target?, pass? }.
 */
export function report(suite, rows, notes = {}) {
  const output = { suite, date: new Date().toISOString(), machine: machine(), rows, notes };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', `${suite}.json`), `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\n## ${suite}  (${output.machine.cpu}, ${output.machine.node})`);
  console.table(
    rows.map((row) => ({
      name: row.name,
      value: `${formatNumber(row.value)} ${row.unit}`,
      baseline: row.baseline === undefined ? '' : `${formatNumber(row.baseline.value)} ${row.baseline.unit} (${row.baseline.name})`,
      ratio: row.ratio === undefined ? '' : formatNumber(row.ratio),
      target: row.target ?? '',
      pass: row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
    })),
  );
  return output;
}

function formatNumber(value) {
  if (typeof value !== 'number') return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
