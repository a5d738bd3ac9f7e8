// `node bench/profile.mjs <express|fastify> <variant> <noop|logistic|forest> [requests]`: a
// diagnostic beside bench/run.mjs. Where a bench server's CPU time goes, by sampling rather than
// by throughput, which this shared VM cannot resolve below a few percent: one server of
// bench/server.mjs (with `--perf-basic-prof`, so that perf names the JIT's code) is warmed for
// 6 s, then `perf record -g` samples it at 4,999 Hz while autocannon sends it a fixed number of
// requests (default 300,000). Prints the server's sampled CPU time per request, and the part of
// it spent in Driftwatch's own functions (`@driftwatch/*` dist): each sample belongs to its
// innermost JavaScript frame, with the native code under it (builtins, the runtime, a clock
// read), so a wrapper is not charged for the framework code it calls. Garbage collection is
// counted apart (it runs wherever an allocation finds the young generation full), and so is the
// route's zod schema (the bare route validates too, in its handler). JIT inlining folds a small
// function into its caller, whose name then carries it. Needs Linux `perf` (Debian's linux-perf)
// and permission to record another process. Writes only to the system's temporary directory.
// Sampling adds its own overhead: compare variants profiled alike.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, startServer } from './bench-server.mjs';
import { garbageCollectorCode as collector } from './v8-frames.mjs';

const [framework, variant, model, requestsArgument] = process.argv.slice(2);
if (framework === undefined || variant === undefined || model === undefined) {
  console.error('usage: node bench/profile.mjs <express|fastify> <variant> <noop|logistic|forest> [requests]');
  process.exit(2);
}
try {
  execFileSync('perf', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('bench/profile.mjs needs Linux perf on the PATH (Debian: apt-get install linux-perf).');
  process.exit(2);
}
const requests = Number(requestsArgument ?? 300_000);
const frequency = 4999;
const directory = mkdtempSync(join(tmpdir(), 'driftwatch-profile-'));
const dataFile = join(directory, 'perf.data');
/** Frames of Driftwatch's own code (the built packages), of the route's schema, of any JavaScript, and of the garbage collector. */
const ours = /packages\/[a-z-]+\/dist\//;
const schema = /node_modules\/zod\//;
const javaScript = /\sJS:/;

const server = await startServer(framework, variant, model, { execArgv: ['--perf-basic-prof'] });
try {
  await load(server.url, { seconds: 6 });
  const perf = spawn('perf', ['record', '-g', '-e', 'cpu-clock', '-F', String(frequency), '-p', String(server.pid), '-o', dataFile], { stdio: 'ignore' });
  const perfExit = new Promise((resolve, reject) => {
    perf.once('error', reject);
    perf.once('exit', resolve);
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const result = await load(server.url, { amount: requests });
  perf.kill('SIGINT');
  await perfExit;
  const answered = result.requests;
  // One perf sample stands for 1/frequency s of CPU time; per request, in nanoseconds.
  const nanosPerSample = 1e9 / frequency / answered;
  const script = execFileSync('perf', ['script', '-i', dataFile], { maxBuffer: 2 ** 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let samples = 0;
  let oursSamples = 0;
  let schemaSamples = 0;
  let collectorSamples = 0;
  const byFunction = new Map();
  for (const block of script.split('\n\n')) {
    const frames = block.split('\n').slice(1).filter((line) => line.trim() !== '');
    if (frames.length === 0) continue;
    samples++;
    // The innermost JavaScript frame owns the sample, with the native code under it (builtins,
    // the runtime, a clock read), except the garbage collector's, which is counted apart: a
    // scavenge runs wherever an allocation finds the young generation full.
    const owner = frames.findIndex((line) => javaScript.test(line));
    if (frames.slice(0, owner === -1 ? frames.length : owner).some((line) => collector.test(line))) {
      collectorSamples++;
      continue;
    }
    if (owner === -1) continue;
    const frame = frames[owner];
    if (schema.test(frame)) schemaSamples++;
    if (!ours.test(frame)) continue;
    oursSamples++;
    const name = frame.trim().replace(/^[0-9a-f]+ /, '').replace(/\+0x[0-9a-f]+ .*$/, '').replace(/file:\/\/\/.*?\/packages\//, '').replace(/chunk-[A-Z0-9]+/, 'chunk');
    byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
  }
  const micros = (count) => ((count * nanosPerSample) / 1000).toFixed(2);
  console.log(`${framework} ${variant} (${model} model): ${answered} requests, ${samples} samples`);
  console.log(
    `sampled CPU per request: ${micros(samples)} µs; in Driftwatch's own functions: ${micros(oursSamples)} µs; ` +
      `in the zod schema's: ${micros(schemaSamples)} µs; in garbage collection (all code's): ${micros(collectorSamples)} µs`,
  );
  for (const [name, count] of [...byFunction].sort((left, right) => right[1] - left[1]).slice(0, 25)) {
    console.log(`${(count * nanosPerSample).toFixed(0).padStart(6)} ns  ${name}`);
  }
} finally {
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
